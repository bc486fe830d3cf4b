package dev.dunning.inbox;

import java.math.BigDecimal;
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

    /** Without paging parameters: the first {@code limit} tasks, as before paging existed. */
    @GetMapping
    List<TaskView> list(Authentication user, @RequestParam(defaultValue = "100") int limit) {
        return inbox.tasksOf(worker(user), limit);
    }

    @GetMapping("/page")
    InboxPage page(Authentication user, @RequestParam(required = false) InboxQuery.Scope scope,
            @RequestParam(required = false) String activity, @RequestParam(required = false) String customer,
            @RequestParam(required = false) BigDecimal minAmount, @RequestParam(required = false) BigDecimal maxAmount,
            @RequestParam(required = false) String assignee, @RequestParam(required = false) String group,
            @RequestParam(required = false) InboxQuery.Sort sort, @RequestParam(defaultValue = "false") boolean descending,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return inbox.page(worker(user), new InboxQuery(scope, activity, customer, minAmount, maxAmount, assignee, group,
                sort, descending, page, size));
    }

    @GetMapping("/workload")
    List<Inbox.Workload> workload(Authentication user) {
        return inbox.workload(worker(user));
    }

    @GetMapping("/{taskId}")
    TaskView get(@PathVariable String taskId, Authentication user) {
        return inbox.task(taskId, worker(user));
    }

    @PostMapping("/{taskId}/claim")
    TaskView claim(@PathVariable String taskId, Authentication user) {
        return inbox.claim(taskId, worker(user));
    }

    @PostMapping("/{taskId}/unclaim")
    Map<String, String> unclaim(@PathVariable String taskId, Authentication user) {
        inbox.unclaim(taskId, worker(user));
        return Map.of("taskId", taskId, "status", "unclaimed");
    }

    /** {@code {"assignee": "anna", "reason": "Boris is on leave"}}: managers and admins only. */
    @PostMapping("/{taskId}/reassign")
    Map<String, String> reassign(@PathVariable String taskId, @RequestBody Map<String, String> body, Authentication user) {
        inbox.reassign(taskId, body.get("assignee"), body.get("reason"), worker(user));
        return Map.of("taskId", taskId, "assignee", body.get("assignee").strip());
    }

    @PostMapping("/{taskId}/complete")
    Map<String, String> complete(@PathVariable String taskId, @RequestBody(required = false) Map<String, Object> values,
            Authentication user) {
        inbox.complete(taskId, values == null ? Map.of() : values, worker(user));
        return Map.of("taskId", taskId, "status", "completed");
    }

    private Inbox.Worker worker(Authentication user) {
        return inbox.worker(user.getName(), user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toSet()));
    }
}
