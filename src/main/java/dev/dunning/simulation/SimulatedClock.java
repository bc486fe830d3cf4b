package dev.dunning.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

import org.flowable.common.engine.impl.runtime.Clock;

/** The sandbox's own time: only the simulation moves it, and only forward; the business clock never sees it. */
final class SimulatedClock implements Clock {

    private final ZoneId zone;
    private volatile Instant now;

    SimulatedClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    Instant now() {
        return now;
    }

    LocalDate today() {
        return now.atZone(zone).toLocalDate();
    }

    ZoneId zone() {
        return zone;
    }

    void moveTo(Instant to) {
        if (to.isBefore(now)) {
            throw new IllegalStateException("simulated time moves only forward: " + to + " is before " + now);
        }
        now = to;
    }

    @Override
    public Date getCurrentTime() {
        return Date.from(now);
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
        return TimeZone.getTimeZone(zone);
    }

    @Override
    public void setCurrentTime(Date currentTime) {
        moveTo(currentTime.toInstant());
    }

    @Override
    public void setCurrentCalendar(Calendar currentTime) {
        moveTo(currentTime.toInstant());
    }

    @Override
    public void reset() {
        throw new IllegalStateException("simulated time is not reset; a simulation runs forward once");
    }
}
