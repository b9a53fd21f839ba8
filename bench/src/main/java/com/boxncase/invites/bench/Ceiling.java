package com.boxncase.invites.bench;

import java.util.List;

/**
 * The per-invite ceiling composed from components measured on their own on the same machine.
 *
 * <p>Each component was run alone with this machine's cores busy, giving its cost in wall seconds per
 * operation ({@code seconds / operations}). An invite needs {@code perInvite} operations of each. All of
 * them share the same cores, so one invite costs at least the sum, and the machine cannot deliver more than
 * {@code 1 / sum(perInvite_i * seconds_i / operations_i)} invites per second.
 */
record Ceiling(List<Component> components) {

    /**
     * @param name e.g. {@code smtp}
     * @param what how it was measured
     * @param operations how many it did
     * @param seconds wall time they took
     * @param perInvite how many of them one invite needs
     */
    record Component(String name, String what, long operations, double seconds, double perInvite) {

        double perSecond() {
            return operations / seconds;
        }

        /** Microseconds of the machine this component takes per invite. */
        double microsPerInvite() {
            return perInvite * seconds / operations * 1e6;
        }
    }

    double microsPerInvite() {
        return components.stream().mapToDouble(Component::microsPerInvite).sum();
    }

    double invitesPerSecond() {
        return 1e6 / microsPerInvite();
    }

    /** Share of the per-invite cost, 0..1. */
    double share(Component component) {
        return component.microsPerInvite() / microsPerInvite();
    }
}
