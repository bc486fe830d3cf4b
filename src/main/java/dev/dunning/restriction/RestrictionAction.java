package dev.dunning.restriction;

/** What a request asks of the billing system. */
public enum RestrictionAction {
    RESTRICT("restrict", "restricted"), RESTORE("restore", "restored");

    private final String code;
    private final String done;

    RestrictionAction(String code, String done) {
        this.code = code;
        this.done = done;
    }

    /** The word for it carried out, for the timeline. */
    String done() {
        return done;
    }

    /** The word in the request body, the tables and the API. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    static RestrictionAction of(String code) {
        return RESTRICT.code.equals(code) ? RESTRICT : RESTORE;
    }
}
