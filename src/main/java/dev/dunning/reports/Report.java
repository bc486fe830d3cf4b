package dev.dunning.reports;

/** One of the managers' reports: what it is, and its rows for a request, written to a sink as they are read. */
interface Report {

    ReportInfo info();

    /** Writes the rows; runs inside a read-only transaction, so PostgreSQL streams the cursor. */
    void write(ReportRequest request, ReportSink sink);
}
