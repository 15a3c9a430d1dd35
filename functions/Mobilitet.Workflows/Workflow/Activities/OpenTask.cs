using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="At">Orchestration time: when the task is opened.</param>
/// <param name="DueAt">The real instant the task falls due.</param>
/// <param name="DueDate">The same in the agreement's policy time, for display.</param>
/// <param name="Milestone">The milestone a missing-data task (or a milestone's escalation) is about.</param>
/// <param name="EscalationId">The escalation an escalation task is about.</param>
/// <param name="Level">The escalation level that must decide now.</param>
public sealed record TaskOpening(
    string AgreementId,
    DateTime At,
    TaskKind Kind,
    DateTime DueAt,
    DateOnly DueDate,
    Milestone? Milestone = null,
    string? EscalationId = null,
    int? Level = null);

/// <summary>
/// Puts a task on the board for the role its kind belongs to, in the agreement's municipality (read here:
/// the workflow carries ids only), and brings the agreement's next due date in line. Opening a task that
/// is open already updates it, so a retry leaves one task; an opening the workflow has closed since (the engine
/// ran this activity again after a crash) changes nothing.
/// </summary>
public sealed class OpenTask(IAgreementRepository agreements, ITaskBoard board) : TaskActivity<TaskOpening, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaskOpening input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var agreement = await agreements.FindAsync(input.AgreementId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Agreement {input.AgreementId} is not in the read model.");
        var opened = await board.OpenAsync(
            new CaseTask
            {
                AgreementId = input.AgreementId,
                MunicipalityCode = agreement.MunicipalityCode,
                Kind = input.Kind,
                Role = input.Kind.Role(),
                DueAt = Utc(input.DueAt),
                DueDate = input.DueDate,
                OpenedAt = Utc(input.At),
                Milestone = input.Milestone,
                EscalationId = input.EscalationId,
                Level = input.Level,
            },
            CancellationToken.None);
        if (opened)
        {
            await board.RefreshAgreementAsync(agreements, input.AgreementId, CancellationToken.None);
        }

        return true;
    }

    private static DateTimeOffset Utc(DateTime instant) => new(DateTime.SpecifyKind(instant, DateTimeKind.Utc));
}
