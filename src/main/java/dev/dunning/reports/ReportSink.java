package dev.dunning.reports;

/** Takes a report's rows one at a time, in the order of the report's columns, as they come from the database. */
@FunctionalInterface
interface ReportSink {

    void row(Object... values);
}
