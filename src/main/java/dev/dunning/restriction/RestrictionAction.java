package dev.dunning.restriction;

/** What a request asks of the billing system. */
public enum RestrictionAction {
    RESTRICT("restrict"), RESTORE("restore");

    private final String code;

    RestrictionAction(String code) {
        this.code = code;
    }

    /** The word in the request body and the tables. */
    public String code() {
        return code;
    }

    static RestrictionAction of(String code) {
        return RESTRICT.code.equals(code) ? RESTRICT : RESTORE;
    }
}
