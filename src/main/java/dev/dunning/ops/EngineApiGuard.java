package dev.dunning.ops;

import java.util.Collection;
import java.util.Map;

import org.flowable.batch.api.Batch;
import org.flowable.batch.api.BatchPart;
import org.flowable.batch.api.BatchQuery;
import org.flowable.engine.form.FormData;
import org.flowable.engine.history.HistoricActivityInstanceQuery;
import org.flowable.engine.history.HistoricDetail;
import org.flowable.engine.history.HistoricDetailQuery;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.history.HistoricProcessInstanceQuery;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.DeploymentBuilder;
import org.flowable.engine.repository.DeploymentQuery;
import org.flowable.engine.repository.Model;
import org.flowable.engine.repository.ModelQuery;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.repository.ProcessDefinitionQuery;
import org.flowable.engine.runtime.ActivityInstanceQuery;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ExecutionQuery;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.engine.runtime.ProcessInstanceBuilder;
import org.flowable.engine.runtime.ProcessInstanceQuery;
import org.flowable.engine.task.Attachment;
import org.flowable.engine.task.Comment;
import org.flowable.engine.task.Event;
import org.flowable.eventsubscription.api.EventSubscription;
import org.flowable.eventsubscription.api.EventSubscriptionQuery;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.idm.api.Group;
import org.flowable.idm.api.GroupQuery;
import org.flowable.idm.api.User;
import org.flowable.idm.api.UserQuery;
import org.flowable.job.api.DeadLetterJobQuery;
import org.flowable.job.api.HistoryJob;
import org.flowable.job.api.HistoryJobQuery;
import org.flowable.job.api.Job;
import org.flowable.job.api.JobQuery;
import org.flowable.job.api.SuspendedJobQuery;
import org.flowable.job.api.TimerJobQuery;
import org.flowable.rest.service.api.engine.CommentRequest;
import org.flowable.rest.service.api.engine.RestIdentityLink;
import org.flowable.rest.service.api.engine.variable.RestVariable;
import org.flowable.rest.service.api.engine.variable.RestVariable.RestVariableScope;
import org.flowable.rest.service.api.form.SubmitFormRequest;
import org.flowable.rest.service.api.history.HistoricActivityInstanceQueryRequest;
import org.flowable.rest.service.api.history.HistoricDetailQueryRequest;
import org.flowable.rest.service.api.history.HistoricProcessInstanceQueryRequest;
import org.flowable.rest.service.api.history.HistoricTaskInstanceQueryRequest;
import org.flowable.rest.service.api.history.HistoricTaskLogEntryQueryRequest;
import org.flowable.rest.service.api.history.HistoricVariableInstanceQueryRequest;
import org.flowable.rest.service.api.identity.GroupRequest;
import org.flowable.rest.service.api.identity.UserRequest;
import org.flowable.rest.service.api.repository.ModelRequest;
import org.flowable.rest.service.api.repository.ProcessDefinitionActionRequest;
import org.flowable.rest.service.api.runtime.VariableInstanceQueryRequest;
import org.flowable.rest.service.api.runtime.process.ActivityInstanceQueryRequest;
import org.flowable.rest.service.api.runtime.process.ExecutionActionRequest;
import org.flowable.rest.service.api.runtime.process.ExecutionChangeActivityStateRequest;
import org.flowable.rest.service.api.runtime.process.ExecutionQueryRequest;
import org.flowable.rest.service.api.runtime.process.InjectActivityRequest;
import org.flowable.rest.service.api.runtime.process.ProcessInstanceCreateRequest;
import org.flowable.rest.service.api.runtime.process.ProcessInstanceQueryRequest;
import org.flowable.rest.service.api.runtime.process.ProcessInstanceUpdateRequest;
import org.flowable.rest.service.api.runtime.process.SignalEventReceivedRequest;
import org.flowable.rest.service.api.runtime.task.BulkTasksRequest;
import org.flowable.rest.service.api.runtime.task.TaskActionRequest;
import org.flowable.rest.service.api.runtime.task.TaskQueryRequest;
import org.flowable.rest.service.api.runtime.task.TaskRequest;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskQuery;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.flowable.task.api.history.HistoricTaskInstanceQuery;
import org.flowable.task.api.history.HistoricTaskLogEntryQuery;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.flowable.variable.api.history.HistoricVariableInstanceQuery;
import org.flowable.variable.api.persistence.entity.VariableInstance;
import org.flowable.variable.api.runtime.VariableInstanceQuery;

import org.flowable.common.engine.api.FlowableForbiddenException;
import org.flowable.rest.service.api.BpmnRestApiInterceptor;
import org.springframework.stereotype.Component;

/**
 * What Flowable's REST API under {@code /process-api} may do in Dunning. Only admins reach it (SecurityConfiguration),
 * and admins are trusted to read everything, to run, retry, move and delete jobs, and to suspend and activate
 * definitions and instances. What would let a request step around Dunning's own rules is refused with 403 and the
 * way it is done in Dunning: deploying (the plan checks of {@code POST /api/plans}), starting or ending a process
 * apart from its case, writing variables that plans trust, working tasks outside the inbox's form checks, sending
 * messages or signals that stand for payments and freezes, moving a process by hand, deleting history, and the
 * engine's identity service, which Dunning does not use. Every write that gets through is audited by
 * {@link EngineApiAudit}.
 */
@Component
class EngineApiGuard implements BpmnRestApiInterceptor {

    /** Why a call is refused, and where it is done in Dunning instead. */
    enum Refusal {
        DEPLOY("Deployments through the engine API are refused: plans are deployed with POST /api/plans, which checks "
                + "them against Dunning's plan rules (decisions: POST /api/plans/decisions)"),
        UNDEPLOY("Deleting a deployment through the engine API is refused: it would end the running cases of a plan; "
                + "plans change by deploying a new version with POST /api/plans"),
        START("Starting a process through the engine API is refused: cases are opened by the evaluation "
                + "(POST /api/admin/evaluate), which links each process to its case"),
        END("Deleting a process instance through the engine API is refused: its case would stay open; cases end by "
                + "payment, by the plan, or through the case actions under /api/cases"),
        BUSINESS_KEY("Changing a business key through the engine API is refused: it is the id of the process's case"),
        VARIABLES("Writing variables through the engine API is refused: plans trust them; change the ledger or use "
                + "the case actions, which audit the change"),
        TASKS("Working tasks through the engine API is refused: tasks are claimed and completed through Dunning's "
                + "inbox (/api/tasks), which checks form values and audits who did what"),
        MESSAGES("Messages, signals and triggers through the engine API are refused: they stand for payments, freezes "
                + "and answers, which reach cases through the ledger and the case actions"),
        MIGRATION("Moving or migrating processes through the engine API is refused: plan migrations go through "
                + "/api/plans/{key}/migrations, which previews and checks them"),
        HISTORY("Deleting history through the engine API is refused: it is part of the cases' record"),
        IDENTITY("The engine's identity service is off: Dunning keeps its own users");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        String message() {
            return message;
        }
    }

    private static FlowableForbiddenException refused(Refusal refusal) {
        return new FlowableForbiddenException(refusal.message());
    }

    @Override
    public void accessEngineProperties() {
        // allowed
    }

    @Override
    public void accessTaskInfoById(Task task) {
        // allowed
    }

    @Override
    public void accessTaskInfoWithQuery(TaskQuery taskQuery, TaskQueryRequest taskQueryRequest) {
        // allowed
    }

    @Override
    public void bulkDeleteHistoricProcessInstances(Collection<String> processInstanceIds) {
        throw refused(Refusal.HISTORY);
    }

    @Override
    public void bulkMoveDeadLetterJobs(Collection<String> jobIds, String action) {
        // allowed
    }

    @Override
    public void bulkUpdateTasks(Collection<Task> tasks, BulkTasksRequest bulkTasksRequest) {
        throw refused(Refusal.TASKS);
    }

    @Override
    public void createTask(Task task, TaskRequest taskRequest) {
        throw refused(Refusal.TASKS);
    }

    @Override
    public void updateTask(Task task, TaskRequest taskRequest) {
        throw refused(Refusal.TASKS);
    }

    @Override
    public void deleteTask(Task task) {
        throw refused(Refusal.TASKS);
    }

    @Override
    public void createTaskAttachment(Task task) {
        // allowed
    }

    @Override
    public void deleteTaskAttachment(Task task, Attachment attachment) {
        // allowed
    }

    @Override
    public void createTaskComment(Task task, CommentRequest commentRequest) {
        // allowed
    }

    @Override
    public void deleteTaskComment(Task task, Comment comment) {
        // allowed
    }

    @Override
    public void deleteTaskEvent(Task task, Event event) {
        // allowed
    }

    @Override
    public void executeTaskAction(Task task, TaskActionRequest taskActionRequest) {
        throw refused(Refusal.TASKS);
    }

    @Override
    public void accessTaskVariable(Task task, String name) {
        // allowed
    }

    @Override
    public Map<String, RestVariable> accessTaskVariables(Task task, Map<String, RestVariable> variables) {
        return variables;
    }

    @Override
    public void createTaskVariables(Task task, Map<String, Object> variables, RestVariableScope scope) {
        throw refused(Refusal.VARIABLES);
    }

    @Override
    public void updateTaskVariables(Task task, Map<String, Object> variables, RestVariableScope scope) {
        throw refused(Refusal.VARIABLES);
    }

    @Override
    public void deleteTaskVariables(Task task, Collection<String> names, RestVariableScope scope) {
        throw refused(Refusal.VARIABLES);
    }

    @Override
    public void accessTaskIdentityLinks(Task task) {
        // allowed
    }

    @Override
    public void accessTaskIdentityLink(Task task, IdentityLink identityLink) {
        // allowed
    }

    @Override
    public void deleteTaskIdentityLink(Task task, IdentityLink identityLink) {
        // allowed
    }

    @Override
    public void createTaskIdentityLink(Task task, RestIdentityLink restIdentityLink) {
        // allowed
    }

    @Override
    public void accessExecutionInfoById(Execution execution) {
        // allowed
    }

    @Override
    public void accessExecutionVariable(Execution execution, String name, String scope) {
        // allowed
    }

    @Override
    public Map<String, RestVariable> accessExecutionVariables(Execution execution,
            Map<String, RestVariable> variables) {
        return variables;
    }

    @Override
    public void accessExecutionInfoWithQuery(ExecutionQuery executionQuery,
            ExecutionQueryRequest executionQueryRequest) {
        // allowed
    }

    @Override
    public void doExecutionActionRequest(Execution execution, ExecutionActionRequest executionActionRequest) {
        throw refused(Refusal.MESSAGES);
    }

    @Override
    public void doExecutionActionRequest(ExecutionActionRequest executionActionRequest) {
        throw refused(Refusal.MESSAGES);
    }

    @Override
    public void createExecutionVariables(Execution execution, Map<String, Object> variables, RestVariableScope scope) {
        throw refused(Refusal.VARIABLES);
    }

    @Override
    public void updateExecutionVariables(Execution execution, Map<String, Object> variables, RestVariableScope scope) {
        throw refused(Refusal.VARIABLES);
    }

    @Override
    public void deleteExecutionVariables(Execution execution, Collection<String> names, RestVariableScope scope) {
        throw refused(Refusal.VARIABLES);
    }

    @Override
    public void accessProcessInstanceInfoById(ProcessInstance processInstance) {
        // allowed
    }

    @Override
    public void accessProcessInstanceInfoWithQuery(ProcessInstanceQuery processInstanceQuery,
            ProcessInstanceQueryRequest processInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void createProcessInstance(ProcessInstanceBuilder processInstanceBuilder,
            ProcessInstanceCreateRequest processInstanceCreateRequest) {
        throw refused(Refusal.START);
    }

    @Override
    public void updateProcessInstance(ProcessInstance processInstance, ProcessInstanceUpdateRequest update) {
        // Suspending, activating and renaming are allowed; the business key is the case id.
        if (update.getBusinessKey() != null && !update.getBusinessKey().equals(processInstance.getBusinessKey())) {
            throw refused(Refusal.BUSINESS_KEY);
        }
    }

    @Override
    public void deleteProcessInstance(ProcessInstance processInstance) {
        throw refused(Refusal.END);
    }

    @Override
    public void accessProcessInstanceIdentityLinks(ProcessInstance processInstance) {
        // allowed
    }

    @Override
    public void accessProcessInstanceIdentityLink(ProcessInstance processInstance, IdentityLink identityLink) {
        // allowed
    }

    @Override
    public void deleteProcessInstanceIdentityLink(ProcessInstance processInstance, IdentityLink identityLink) {
        // allowed
    }

    @Override
    public void createProcessInstanceIdentityLink(ProcessInstance processInstance, RestIdentityLink restIdentityLink) {
        // allowed
    }

    @Override
    public void bulkDeleteProcessInstances(Collection<String> processInstanceIds) {
        throw refused(Refusal.END);
    }

    @Override
    public void accessActivityInfoWithQuery(ActivityInstanceQuery activityInstanceQuery,
            ActivityInstanceQueryRequest activityInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void accessVariableInfoById(VariableInstance variableInstance) {
        // allowed
    }

    @Override
    public void accessVariableInfoWithQuery(VariableInstanceQuery variableInstanceQuery,
            VariableInstanceQueryRequest variableInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void sendSignal(SignalEventReceivedRequest signalEventReceivedRequest) {
        throw refused(Refusal.MESSAGES);
    }

    @Override
    public void changeActivityState(Execution execution,
            ExecutionChangeActivityStateRequest executionChangeActivityStateRequest) {
        throw refused(Refusal.MIGRATION);
    }

    @Override
    public void migrateProcessInstance(ProcessInstance processInstance, String migrationDocument) {
        throw refused(Refusal.MIGRATION);
    }

    @Override
    public void migrateInstancesOfProcessDefinition(ProcessDefinition processDefinition, String migrationDocument) {
        throw refused(Refusal.MIGRATION);
    }

    @Override
    public void evaluateProcessInstanceConditionalEvents(ProcessInstance processInstance) {
        // allowed
    }

    @Override
    public void injectActivity(ProcessInstance processInstance, InjectActivityRequest injectActivityRequest) {
        throw refused(Refusal.MIGRATION);
    }

    @Override
    public void accessEventSubscriptionById(EventSubscription eventSubscription) {
        // allowed
    }

    @Override
    public void accessEventSubscriptionInfoWithQuery(EventSubscriptionQuery eventSubscriptionQuery) {
        // allowed
    }

    @Override
    public void accessProcessDefinitionById(ProcessDefinition processDefinition) {
        // allowed
    }

    @Override
    public void executeProcessDefinitionAction(ProcessDefinition processDefinition,
            ProcessDefinitionActionRequest processDefinitionActionRequest) {
        // allowed
    }

    @Override
    public void accessProcessDefinitionIdentityLinks(ProcessDefinition processDefinition) {
        // allowed
    }

    @Override
    public void accessProcessDefinitionIdentityLink(ProcessDefinition processDefinition, IdentityLink identityLink) {
        // allowed
    }

    @Override
    public void deleteProcessDefinitionIdentityLink(ProcessDefinition processDefinition, IdentityLink identityLink) {
        // allowed
    }

    @Override
    public void createProcessDefinitionIdentityLink(ProcessDefinition processDefinition,
            RestIdentityLink restIdentityLink) {
        // allowed
    }

    @Override
    public void accessProcessDefinitionsWithQuery(ProcessDefinitionQuery processDefinitionQuery) {
        // allowed
    }

    @Override
    public void accessDeploymentById(Deployment deployment) {
        // allowed
    }

    @Override
    public void accessDeploymentsWithQuery(DeploymentQuery deploymentQuery) {
        // allowed
    }

    @Override
    public void executeNewDeploymentForTenantId(String tenantId) {
        throw refused(Refusal.DEPLOY);
    }

    @Override
    public void enhanceDeployment(DeploymentBuilder deploymentBuilder) {
        throw refused(Refusal.DEPLOY);
    }

    @Override
    public void deleteDeployment(Deployment deployment) {
        throw refused(Refusal.UNDEPLOY);
    }

    @Override
    public void accessModelInfoById(Model model) {
        // allowed
    }

    @Override
    public void accessModelInfoWithQuery(ModelQuery modelQuery) {
        // allowed
    }

    @Override
    public void createModel(Model model, ModelRequest modelRequest) {
        // allowed
    }

    @Override
    public void accessJobInfoById(Job job) {
        // allowed
    }

    @Override
    public void accessHistoryJobInfoById(HistoryJob historyJob) {
        // allowed
    }

    @Override
    public void accessJobInfoWithQuery(JobQuery jobQuery) {
        // allowed
    }

    @Override
    public void accessTimerJobInfoWithQuery(TimerJobQuery timerJobQuery) {
        // allowed
    }

    @Override
    public void accessSuspendedJobInfoWithQuery(SuspendedJobQuery suspendedJobQuery) {
        // allowed
    }

    @Override
    public void accessDeadLetterJobInfoWithQuery(DeadLetterJobQuery deadLetterJobQuery) {
        // allowed
    }

    @Override
    public void accessHistoryJobInfoWithQuery(HistoryJobQuery historyJobQuery) {
        // allowed
    }

    @Override
    public void deleteJob(Job job) {
        // allowed
    }

    @Override
    public void deleteHistoryJob(HistoryJob historyJob) {
        // allowed
    }

    @Override
    public void accessBatchInfoById(Batch batch) {
        // allowed
    }

    @Override
    public void accessBatchInfoWithQuery(BatchQuery batchQuery) {
        // allowed
    }

    @Override
    public void deleteBatch(Batch batch) {
        // allowed
    }

    @Override
    public void accessBatchPartInfoOfBatch(Batch batch) {
        // allowed
    }

    @Override
    public void accessBatchPartInfoById(BatchPart batchPart) {
        // allowed
    }

    @Override
    public void accessManagementInfo() {
        // allowed
    }

    @Override
    public void accessTableInfo() {
        // allowed
    }

    @Override
    public void accessHistoryTaskInfoById(HistoricTaskInstance historicTaskInstance) {
        // allowed
    }

    @Override
    public void accessHistoryTaskInfoWithQuery(HistoricTaskInstanceQuery historicTaskInstanceQuery,
            HistoricTaskInstanceQueryRequest historicTaskInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void deleteHistoricTask(HistoricTaskInstance historicTaskInstance) {
        throw refused(Refusal.HISTORY);
    }

    @Override
    public void accessHistoricTaskIdentityLinks(HistoricTaskInstance historicTaskInstance) {
        // allowed
    }

    @Override
    public void accessHistoryProcessInfoById(HistoricProcessInstance historicProcessInstance) {
        // allowed
    }

    @Override
    public void accessHistoryProcessInfoWithQuery(HistoricProcessInstanceQuery historicProcessInstanceQuery,
            HistoricProcessInstanceQueryRequest historicProcessInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void deleteHistoricProcess(HistoricProcessInstance historicProcessInstance) {
        throw refused(Refusal.HISTORY);
    }

    @Override
    public void accessHistoricProcessIdentityLinks(HistoricProcessInstance historicProcessInstance) {
        // allowed
    }

    @Override
    public void accessHistoryActivityInfoWithQuery(HistoricActivityInstanceQuery historicActivityInstanceQuery,
            HistoricActivityInstanceQueryRequest historicActivityInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void accessHistoryDetailById(HistoricDetail historicDetail) {
        // allowed
    }

    @Override
    public void accessHistoryDetailInfoWithQuery(HistoricDetailQuery historicDetailQuery,
            HistoricDetailQueryRequest historicDetailQueryRequest) {
        // allowed
    }

    @Override
    public void accessHistoryVariableInfoById(HistoricVariableInstance historicVariableInstance) {
        // allowed
    }

    @Override
    public void accessHistoryVariableInfoWithQuery(HistoricVariableInstanceQuery historicVariableInstanceQuery,
            HistoricVariableInstanceQueryRequest historicVariableInstanceQueryRequest) {
        // allowed
    }

    @Override
    public void accessHistoricTaskLogWithQuery(HistoricTaskLogEntryQuery historicTaskLogEntryQuery,
            HistoricTaskLogEntryQueryRequest historicTaskLogEntryQueryRequest) {
        // allowed
    }

    @Override
    public void accessGroupInfoById(Group group) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void accessGroupInfoWithQuery(GroupQuery groupQuery) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void createGroup(GroupRequest groupRequest) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void deleteGroup(Group group) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void accessUserInfoById(User user) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void accessUserInfoWithQuery(UserQuery userQuery) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void createUser(UserRequest userRequest) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void deleteUser(User user) {
        throw refused(Refusal.IDENTITY);
    }

    @Override
    public void accessFormData(FormData formData) {
        // allowed
    }

    @Override
    public void submitFormData(SubmitFormRequest submitFormRequest) {
        throw refused(Refusal.TASKS);
    }
}
