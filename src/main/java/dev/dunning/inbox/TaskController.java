package dev.dunning.inbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final Inbox inbox;

    TaskController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    List<TaskView> list(Authentication user, @RequestParam(defaultValue = "100") int limit) {
        return inbox.tasksOf(worker(user), limit);
    }

    @PostMapping("/{taskId}/claim")
    TaskView claim(@PathVariable String taskId, Authentication user) {
        return inbox.claim(taskId, worker(user));
    }

    @PostMapping("/{taskId}/complete")
    Map<String, String> complete(@PathVariable String taskId, @RequestBody(required = false) Map<String, Object> values,
            Authentication user) {
        inbox.complete(taskId, values == null ? Map.of() : values, worker(user));
        return Map.of("taskId", taskId, "status", "completed");
    }

    private static Inbox.Worker worker(Authentication user) {
        return new Inbox.Worker(user.getName(), user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toSet()));
    }
}
