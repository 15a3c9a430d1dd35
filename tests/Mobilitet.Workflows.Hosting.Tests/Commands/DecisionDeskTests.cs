using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Failures;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Moq;

namespace Mobilitet.Workflows.Hosting.Tests.Commands;

/// <summary>The order of a decision's writes: the claim first, then the audit entry beside the hand-over to the workflow.</summary>
public sealed class DecisionDeskTests
{
    private const string AgreementId = "a0000000000000000000000000000001";

    [Fact]
    public async Task The_audit_entry_is_written_beside_the_hand_over_and_the_answer_waits_for_both()
    {
        var steps = new List<string>();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var audited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decision = DecisionCodec.Consent(AgreementId, given: true, Actors.Caseworker, DateTimeOffset.UtcNow);

        var log = new Mock<IDecisionLog>();
        log.Setup(l => l.FindAsync(AgreementId, decision.Subject, It.IsAny<CancellationToken>())).ReturnsAsync((Decision?)null);
        log.Setup(l => l.ClaimAsync(decision, It.IsAny<CancellationToken>())).ReturnsAsync((decision, true));
        log.Setup(l => l.MarkDeliveredAsync(It.IsAny<Decision>(), It.IsAny<CancellationToken>()))
            .Callback(() => Record(steps, "marked delivered")).Returns(Task.CompletedTask);

        // The audit write finishes only once the workflow has the decision: written one after the other, this would never end.
        var audit = new Mock<IAuditLog>();
        audit.Setup(a => a.AppendAsync(It.IsAny<AuditEntry>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await delivered.Task;
                Record(steps, "audited");
                audited.SetResult();
            });

        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(AgreementId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("AgreementWorkflow", AgreementId) { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        client.Setup(c => c.RaiseEventAsync(AgreementId, It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                Record(steps, "raised");
                delivered.SetResult();
            })
            .Returns(Task.CompletedTask);

        CommandResult acceptedAnswer = new CommandResult.Unauthorized(); // any object: the desk answers with what `accepted` gives
        var desk = new DecisionDesk(log.Object, audit.Object, Gate(), NullLogger<DecisionDesk>.Instance);
        var answer = await desk.DecideAsync(
            client.Object,
            decision,
            new AuditedBy("caseworker-1", [Roles.Caseworker]),
            notNow: () => null,
            accepted: () => acceptedAnswer,
            CancellationToken.None,
            whenRecorded: () =>
            {
                Record(steps, "note stored");
                return Task.CompletedTask;
            }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Same(acceptedAnswer, answer);
        Assert.True(audited.Task.IsCompleted, "the answer came before the audit entry was written");
        Assert.Equal(["note stored", "raised"], steps.Where(step => step is "note stored" or "raised"));
        Assert.Contains("audited", steps);
        Assert.Contains("marked delivered", steps);
        audit.Verify(a => a.AppendAsync(It.Is<AuditEntry>(entry => entry.Action == AuditAction.ConsentRecorded && entry.AgreementId == AgreementId), It.IsAny<CancellationToken>()), Times.Once);
    }

    private static void Record(List<string> steps, string step)
    {
        lock (steps)
        {
            steps.Add(step);
        }
    }

    private static WorkflowGate Gate() => new(
        new WorkflowFailureRecorder(Mock.Of<IAgreementRepository>(), Mock.Of<ITimeline>(), NullLogger<WorkflowFailureRecorder>.Instance),
        TimeProvider.System,
        NullLogger<WorkflowGate>.Instance);
}
