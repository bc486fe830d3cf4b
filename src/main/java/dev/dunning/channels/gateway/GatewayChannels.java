package dev.dunning.channels.gateway;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.dunning.contact.ContactKind;
import dev.dunning.notify.Channel;

/**
 * The gateway channels switched on for this deployment: {@code sms} and {@code messenger} (messages) and
 * {@code voice} (the robot's calls). Settings are checked at start-up, every problem named.
 */
@Configuration(proxyBeanMethods = false)
class GatewayChannels {

    static final String SMS = "sms";
    static final String MESSENGER = "messenger";
    static final String VOICE = "voice";

    @Bean
    @ConditionalOnProperty(name = "dunning.notify.sms.enabled", havingValue = "true")
    Channel smsChannel(Environment environment, @Value("${dunning.public-url:http://localhost:8080}") String publicUrl) {
        return new GatewayChannel(SMS, ContactKind.MESSAGE, settings(environment, SMS), publicUrl);
    }

    @Bean
    @ConditionalOnProperty(name = "dunning.notify.messenger.enabled", havingValue = "true")
    Channel messengerChannel(Environment environment, @Value("${dunning.public-url:http://localhost:8080}") String publicUrl) {
        return new GatewayChannel(MESSENGER, ContactKind.MESSAGE, settings(environment, MESSENGER), publicUrl);
    }

    @Bean
    @ConditionalOnProperty(name = "dunning.notify.voice.enabled", havingValue = "true")
    Channel voiceChannel(Environment environment, @Value("${dunning.public-url:http://localhost:8080}") String publicUrl) {
        return new GatewayChannel(VOICE, ContactKind.CALL, settings(environment, VOICE), publicUrl);
    }

    static GatewaySettings settings(Environment environment, String channel) {
        GatewaySettings settings = Binder.get(environment).bind("dunning.notify." + channel, GatewaySettings.class)
                .orElseThrow(() -> new IllegalStateException("dunning.notify." + channel + ".* is not configured"));
        List<String> problems = settings.problems(channel);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the " + channel + " channel is switched on but " + String.join("; ", problems));
        }
        return settings;
    }
}
