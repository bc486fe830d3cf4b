package dev.dunning.ledger;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers/{customerId}/freezes")
class FreezeController {

    private final Freezes freezes;

    FreezeController(Freezes freezes) {
        this.freezes = freezes;
    }

    @GetMapping
    List<Freeze> active(@PathVariable String customerId) {
        return freezes.active(customerId);
    }

    @PostMapping
    ResponseEntity<Freeze> add(@PathVariable String customerId, @RequestBody FreezeRequest request, Principal user) {
        Freeze freeze = freezes.add(customerId, request, user.getName());
        return ResponseEntity.created(URI.create("/api/customers/" + customerId + "/freezes/" + freeze.freezeId()))
                .body(freeze);
    }

    @DeleteMapping("/{freezeId}")
    Freeze lift(@PathVariable String customerId, @PathVariable String freezeId, Principal user) {
        return freezes.lift(customerId, freezeId, user.getName());
    }
}
