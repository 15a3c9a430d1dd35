using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow.Steps;

/// <summary>
/// Consent: the caseworker records the resident's answer — a task on their board until it expires.
/// Reminders go out on the policy's schedule (standard-v1: day 7, then every 7 days); without an
/// answer the agreement expires.
/// </summary>
public sealed class ConsentStep(LifecycleRun run)
{
    /// <returns>Null when consent is given; otherwise the agreement's final status.</returns>
    public async Task<AgreementStatus?> RunAsync()
    {
        var rules = run.Policy.Consent;
        var expiresAt = run.Clock.After(run.Clock.OriginUtc, rules.ExpiresAfterDays);
        var nextReminderAt = run.Clock.After(run.Clock.OriginUtc, rules.FirstReminderAfterDays);
        var reminders = 0;
        await run.OpenTaskAsync(TaskKind.ConsentToRecord, due: expiresAt);

        while (true)
        {
            var remind = nextReminderAt < expiresAt;
            var answer = await run.WaitAsync<ConsentDecided>(remind ? nextReminderAt : expiresAt);
            if (answer.Event is { } decided)
            {
                await run.CloseTaskAsync(TaskKind.ConsentToRecord);
                return decided.Given
                    ? await GivenAsync(decided.Actor)
                    : await run.EndAsync(AgreementStatus.Declined, TimelineKind.ConsentDeclined, decided.Actor);
            }

            if (!remind)
            {
                await run.CloseTaskAsync(TaskKind.ConsentToRecord);
                await run.NotifyAsync(NotificationKind.ConsentExpired, "expired");
                return await run.EndAsync(AgreementStatus.Expired, TimelineKind.ConsentExpired);
            }

            reminders++;
            await run.NotifyAsync(NotificationKind.ConsentReminder, $"reminder-{reminders}", respondBy: expiresAt);
            await run.ProgressAsync(TimelineKind.ConsentReminderSent, detail: $"reminder-{reminders}");
            nextReminderAt = run.Clock.After(nextReminderAt, rules.ReminderEveryDays);
        }
    }

    private async Task<AgreementStatus?> GivenAsync(string actor)
    {
        await run.ProgressAsync(TimelineKind.ConsentGiven, AgreementStatus.AwaitingFinancing, actor);
        return null;
    }
}
