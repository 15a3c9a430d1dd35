using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="At">Orchestration time: when the tasks are closed.</param>
/// <param name="TaskIds">The tasks to close (<see cref="CaseTask.IdFor"/>); null closes every open task of the agreement.</param>
public sealed record TaskClosing(string AgreementId, DateTime At, IReadOnlyList<string>? TaskIds);

/// <summary>
/// Takes tasks off the board because they were done or no longer can be, and brings the agreement's next
/// due date in line. Closing a task that is not open changes nothing, so a retry is harmless; the board remembers
/// the closing, so a late repeat of the task's opening cannot bring it back.
/// </summary>
public sealed class CloseTasks(IAgreementRepository agreements, ITaskBoard board) : TaskActivity<TaskClosing, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaskClosing input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var closedAt = new DateTimeOffset(DateTime.SpecifyKind(input.At, DateTimeKind.Utc));
        if (input.TaskIds is null)
        {
            await board.CloseAllAsync(input.AgreementId, closedAt, CancellationToken.None);
        }
        else
        {
            foreach (var taskId in input.TaskIds)
            {
                await board.CloseAsync(input.AgreementId, taskId, closedAt, CancellationToken.None);
            }
        }

        await board.RefreshAgreementAsync(agreements, input.AgreementId, CancellationToken.None);
        return true;
    }
}
