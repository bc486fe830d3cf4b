package dev.dunning.simulation;

/** Too many simulations are waiting already: the caller should try again when one has finished. */
public class SimulationsBusyException extends RuntimeException {

    SimulationsBusyException(int waiting) {
        super(waiting + " simulations are already waiting for their turn; try again when one has finished");
    }
}
