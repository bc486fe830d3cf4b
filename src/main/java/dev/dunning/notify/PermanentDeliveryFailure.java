package dev.dunning.notify;

/**
 * A channel's word that sending this notice again cannot succeed (the address does not exist, the provider
 * refused the content). The outbox then moves the notice to the step's next channel, or marks it failed.
 * The message must hold no personal data.
 */
public class PermanentDeliveryFailure extends RuntimeException {

    public PermanentDeliveryFailure(String message) {
        super(message);
    }

    public PermanentDeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
