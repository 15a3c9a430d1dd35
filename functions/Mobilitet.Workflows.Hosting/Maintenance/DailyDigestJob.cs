using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Digests;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Emails;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// The daily digest (<see cref="DigestSchedule"/>: weekdays from 07:00 Copenhagen time): each caseworker and supervisor
/// with something waiting gets one email listing it, overdue first, with links into the web UI. Both hosts run it on a
/// timer (the local host every five minutes, the Functions app at 05:00 and 06:00 UTC); it acts only when a digest is
/// due and the day's run has not finished. Each person's digest is claimed in <see cref="IDigestLog"/> before it is
/// sent, so it goes out at most once a day even when runs overlap.
/// </summary>
public sealed partial class DailyDigestJob(
    ITaskBoard board,
    IPersonalDataVault vault,
    IDigestLog log,
    IEmailSender email,
    RecipientKeys recipients,
    IPublicBaseAddress publicBase,
    PageRenderer renderer,
    TimeProvider time,
    ILogger<DailyDigestJob> logger) : IMaintenanceJob
{
    private static readonly IReadOnlyList<string> Municipalities = MunicipalityRegistry.All.Select(municipality => municipality.Code).Order(StringComparer.Ordinal).ToList();

    /// <returns>How many digests were sent.</returns>
    public Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        DigestSchedule.DueDay(time.GetUtcNow()) is { } day ? SendAsync(day, cancellationToken) : Task.FromResult(0);

    /// <summary>Sends <paramref name="day"/>'s digests that have not been sent, unless the day's run has finished.</summary>
    /// <returns>How many digests this call sent.</returns>
    public async Task<int> SendAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (await log.IsDayCompleteAsync(day, cancellationToken))
        {
            return 0;
        }

        var tasks = await OpenTasksAsync(cancellationToken);
        var parties = new Dictionary<string, AgreementPersonalData>(StringComparer.Ordinal);
        foreach (var agreementId in tasks.Select(task => task.AgreementId).Distinct(StringComparer.Ordinal))
        {
            if (await vault.FindAsync(agreementId, cancellationToken) is { } found)
            {
                parties[agreementId] = found;
            }
        }

        var site = await publicBase.GetAsync(cancellationToken);
        var sent = 0;
        foreach (var digest in DigestPlanner.Plan(day, time.GetUtcNow(), tasks, parties, recipients))
        {
            // Claimed before it is sent (see IDigestLog): a crash in between costs this person today's digest, never a second one.
            if (await log.TryClaimAsync(day, digest.RecipientKey, time.GetUtcNow(), cancellationToken))
            {
                await email.SendAsync(await ComposeAsync(digest, site), cancellationToken);
                sent++;
            }
        }

        await log.MarkDayCompleteAsync(day, time.GetUtcNow(), cancellationToken);
        LogSent(day, sent);
        return sent;
    }

    private async Task<List<CaseTask>> OpenTasksAsync(CancellationToken cancellationToken)
    {
        var query = new TaskQuery([Roles.Caseworker, Roles.Supervisor], Municipalities);
        List<CaseTask> tasks = [];
        string? token = null;
        do
        {
            var page = await board.ListOpenAsync(query, token, ITaskBoard.MaxPageSize, cancellationToken);
            tasks.AddRange(page.Tasks);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return tasks;
    }

    private async Task<EmailMessage> ComposeAsync(DailyDigest digest, Uri site)
    {
        var model = new DigestEmailModel(
            digest.Day,
            digest.Items.Select(item => new DigestEmailItem(item, new Uri(site, LinkOf(item)))).ToList(),
            new Uri(site, "/"));
        var html = await renderer.RenderAsync<DigestEmail>(new Dictionary<string, object?> { [nameof(DigestEmail.Model)] = model });
        var day = digest.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Not about one agreement: the day stands where an email names its agreement (outbox partition, SendGrid's custom argument).
        return new EmailMessage($"dailydigest-{day}-{digest.RecipientKey}", $"digest-{day}", [digest.RecipientEmail], [], model.Subject, model.ToText(), html, []);
    }

    /// <summary>An escalation is decided under Eskaleringer; every other task on its agreement's page.</summary>
    private static string LinkOf(DigestItem item) => item.Kind == TaskKind.EscalationToDecide
        ? UiRoutes.PathOf(UiRoutes.Escalations)
        : UiRoutes.AgreementPath(item.AgreementId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest of {Day}: {Count} sent")]
    private partial void LogSent(DateOnly day, int count);
}
