package dev.chatd.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandoverTest {

    private final Handover handover = new Handover();

    @Test
    void aCompletionInsideTheIssuingCallLeavesTheIssuerToGoOn() {
        handover.issuing();
        assertFalse(handover.arrived(), "the handler, run inline, does not go on");
        assertTrue(handover.returned(), "the issuer goes on");
    }

    @Test
    void aCompletionAfterTheIssuingCallReturnedGoesOnItself() {
        handover.issuing();
        assertFalse(handover.returned(), "the issuer returns and leaves it to the handler");
        assertTrue(handover.arrived(), "the handler goes on");
    }

    @Test
    void eachOperationIsHandedOverAfresh() {
        handover.issuing();
        handover.arrived();
        handover.returned();
        handover.issuing();
        assertFalse(handover.returned());
        assertTrue(handover.arrived());
    }
}
