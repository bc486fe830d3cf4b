package dev.dunning.web;

/** One line of the plans list: a plan's newest version, what kind of plan it is, how many cases run on it. */
public record PlanRow(String key, String name, int version, String kind, long runningCases) {
}
