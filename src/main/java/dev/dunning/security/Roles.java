package dev.dunning.security;

/** The people who use Dunning. Spring authorities are {@code ROLE_} + the name in upper case. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String ANALYST = "ANALYST";
    public static final String COLLECTOR = "COLLECTOR";
    public static final String LAWYER = "LAWYER";
    public static final String MANAGER = "MANAGER";

    private Roles() {
    }
}
