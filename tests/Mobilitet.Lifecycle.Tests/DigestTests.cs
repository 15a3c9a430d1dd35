using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The daily digest on the local host's storage, through the SendGrid client to the local endpoint: the right people get
/// one email each with their items, overdue first and linked into the web UI; nobody without items gets one; and runs of
/// the same day — one after another or at once — send each person's digest once.
/// </summary>
public sealed class DigestTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Anna = "anna.digest@kommune.example.dk";
    private const string Bo = "bo.digest@kommune.example.dk";
    private const string Supervisor = "tilsyn.digest@kommune.example.dk";
    private const string QuietSupervisor = "tilsyn.ro@kommune.example.dk";

    [Fact]
    public async Task Caseworkers_and_supervisors_with_something_waiting_get_one_digest_a_day_overdue_first_and_nobody_else_gets_one()
    {
        var now = DateTimeOffset.UtcNow;
        var day = new DateOnly(2031, 1, 6).AddDays(Random.Shared.Next(3000)); // a day of this test's own
        var consent = await AgreementAsync(Anna, Supervisor);
        var move = await AgreementAsync(Anna, Supervisor);
        var financing = await AgreementAsync(Bo, QuietSupervisor);
        await OpenAsync(consent, TaskKind.ConsentToRecord, now.AddDays(2));
        await OpenAsync(move, TaskKind.MoveToRecord, now.AddDays(-1));
        await OpenAsync(move, TaskKind.EscalationToDecide, now.AddDays(1), level: 1);
        await OpenAsync(financing, TaskKind.FinancingToDecide, now.AddDays(-3)); // the finance mailbox's: no digest
        var job = host.Services.GetRequiredService<DailyDigestJob>();

        var atOnce = await Task.WhenAll(job.SendAsync(day, CancellationToken.None), job.SendAsync(day, CancellationToken.None));
        var later = await job.SendAsync(day, CancellationToken.None);

        var ofTheDay = host.SendGrid.Messages
            .Where(message => message.CustomArgs.TryGetValue("agreementId", out var about) && about == $"digest-{day:yyyy-MM-dd}")
            .Select(SentEmail.From)
            .ToList();
        Assert.Equal(ofTheDay.Count, atOnce.Sum()); // the other test's agreements (same host) may have their own
        Assert.Equal(0, later);
        Assert.Equal(ofTheDay.Count, ofTheDay.SelectMany(email => email.To).Distinct(StringComparer.Ordinal).Count()); // one each
        var digests = ofTheDay.Where(email => email.To.Any(to => to is Anna or Bo or Supervisor or QuietSupervisor)).ToList();
        Assert.Equal([Anna, Supervisor], digests.SelectMany(email => email.To).Order(StringComparer.Ordinal));
        Assert.All(digests, email => Assert.StartsWith("dailydigest-", email.NotificationId, StringComparison.Ordinal));

        var anna = digests.Single(email => email.To.Contains(Anna));
        Assert.EndsWith("2 venter, 1 overskredet", anna.Subject, StringComparison.Ordinal);
        Assert.True(
            anna.Text.IndexOf("Overskredet", StringComparison.Ordinal) < anna.Text.IndexOf("Registrér flytningen", StringComparison.Ordinal)
            && anna.Text.IndexOf("Registrér flytningen", StringComparison.Ordinal) < anna.Text.IndexOf("Venter på dig", StringComparison.Ordinal)
            && anna.Text.IndexOf("Venter på dig", StringComparison.Ordinal) < anna.Text.IndexOf("Registrér beboerens samtykke", StringComparison.Ordinal),
            anna.Text);
        Assert.Contains($"http://mobilitet.test/aftaler/{move}", anna.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://mobilitet.test/aftaler/{consent}\"", anna.Html, StringComparison.Ordinal);
        Assert.Contains("Se alle dine opgaver i Mine opgaver: http://mobilitet.test/", anna.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AgreementForms.ResidentName, anna.Text + anna.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("0101901234", anna.Text + anna.Html, StringComparison.Ordinal);

        var supervisor = digests.Single(email => email.To.Contains(Supervisor));
        Assert.Contains("Træf beslutning om en eskalering (niveau 1)", supervisor.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"http://mobilitet.test/eskaleringer\"", supervisor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Overskredet", supervisor.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_is_sent_once_a_day_even_when_a_run_that_finished_is_forgotten()
    {
        var day = new DateOnly(2031, 1, 6).AddDays(Random.Shared.Next(3000));
        var agreement = await AgreementAsync("carl.digest@kommune.example.dk", QuietSupervisor);
        await OpenAsync(agreement, TaskKind.MoveToRecord, DateTimeOffset.UtcNow.AddDays(1));
        var job = host.Services.GetRequiredService<DailyDigestJob>();
        await job.SendAsync(day, CancellationToken.None);

        // The next run, had the day's record been lost, still finds the person's own: nothing is sent twice.
        await host.Services.GetRequiredService<Mobilitet.Workflows.Digests.IDigestLog>().MarkDayCompleteAsync(day.AddDays(1), DateTimeOffset.UtcNow, CancellationToken.None);
        var claimedAgain = await host.Services.GetRequiredService<Mobilitet.Workflows.Digests.IDigestLog>().TryClaimAsync(
            day, host.Services.GetRequiredService<Mobilitet.Workflows.Notifications.RecipientKeys>().KeyOf("carl.digest@kommune.example.dk"), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(claimedAgain);
        Assert.Single(host.SendGrid.Messages, message => message.To.Contains("carl.digest@kommune.example.dk") && message.CustomArgs["agreementId"] == $"digest-{day:yyyy-MM-dd}");
    }

    private async Task<string> AgreementAsync(string caseworker, string supervisor)
    {
        var id = await host.StoreWithoutOrchestrationAsync();
        await host.Services.GetRequiredService<IPersonalDataVault>().SaveAsync(
            id,
            new AgreementPersonalData(new Resident("0101901234", AgreementForms.ResidentName, null, null), new Caseworker("Sagsbehandler", caseworker), [supervisor], "Indskud"),
            CancellationToken.None);
        return id;
    }

    private Task OpenAsync(string agreementId, TaskKind kind, DateTimeOffset dueAt, int? level = null) =>
        host.Services.GetRequiredService<ITaskBoard>().OpenAsync(
            new CaseTask
            {
                AgreementId = agreementId,
                MunicipalityCode = "0751",
                Kind = kind,
                Role = kind.Role(),
                DueAt = dueAt,
                DueDate = DateOnly.FromDateTime(dueAt.UtcDateTime),
                OpenedAt = DateTimeOffset.UtcNow,
                EscalationId = kind == TaskKind.EscalationToDecide ? agreementId + "-esc-move" : null,
                Level = level,
            },
            CancellationToken.None);
}
