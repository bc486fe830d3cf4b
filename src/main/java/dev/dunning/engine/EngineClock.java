package dev.dunning.engine;

import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

import org.flowable.common.engine.impl.runtime.Clock;

import dev.dunning.clock.BusinessClock;

/** Lets the workflow engine read the business clock; the engine never sets it. */
final class EngineClock implements Clock {

    private final BusinessClock clock;

    EngineClock(BusinessClock clock) {
        this.clock = clock;
    }

    @Override
    public Date getCurrentTime() {
        return Date.from(clock.now());
    }

    @Override
    public Calendar getCurrentCalendar() {
        return getCurrentCalendar(getCurrentTimeZone());
    }

    @Override
    public Calendar getCurrentCalendar(TimeZone timeZone) {
        Calendar calendar = Calendar.getInstance(timeZone);
        calendar.setTime(getCurrentTime());
        return calendar;
    }

    @Override
    public TimeZone getCurrentTimeZone() {
        return TimeZone.getTimeZone(clock.getZone());
    }

    @Override
    public void setCurrentTime(Date currentTime) {
        throw new IllegalStateException("business time is moved through Dunning's clock API, not by the engine");
    }

    @Override
    public void setCurrentCalendar(Calendar currentTime) {
        throw new IllegalStateException("business time is moved through Dunning's clock API, not by the engine");
    }

    @Override
    public void reset() {
        throw new IllegalStateException("business time is moved through Dunning's clock API, not by the engine");
    }
}
