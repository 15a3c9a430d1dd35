using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Hosting.DecisionLinks;
using Xunit;

namespace Mobilitet.Testing.Api;

/// <summary>Request bodies for the agreement steps.</summary>
public static class Steps
{
    public static JsonObject Consent(string decision) => new() { ["decision"] = decision };

    /// <summary>The reason a test's finance approver gives, unless it gives its own: every decision a person takes says why.</summary>
    public const string FinancingReason = "Afgjort efter business casen.";

    public static JsonObject Financing(string decision, decimal? approvedDkk = null, string reason = FinancingReason)
    {
        var body = new JsonObject { ["decision"] = decision, ["reason"] = reason };
        if (approvedDkk is not null)
        {
            body["approvedDkk"] = approvedDkk;
        }

        return body;
    }

    public static JsonObject Move(DateOnly movedOn) => new() { ["movedOn"] = movedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    public static JsonObject Cancel(string reason) => new() { ["reason"] = reason };

    public static JsonObject Measurement(string milestone, decimal rate, decimal drawDkk, decimal taxDkk) => new()
    {
        ["milestone"] = milestone,
        ["selfSufficiencyRate"] = rate,
        ["resourceDrawDkk"] = drawDkk,
        ["taxPaidDkk"] = taxDkk,
    };

    /// <summary>
    /// Creates an agreement (under <paramref name="policy"/>, or the default policy), gives consent and waits until financing
    /// is done (auto-approved) and the move is awaited.
    /// </summary>
    public static async Task<string> UpToMoveAsync(this AgreementApi host, DateOnly plannedMoveDate, string? policy = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var id = await host.CreateAsync(AgreementForms.Valid(plannedMoveDate, policy: policy));
        await host.StepAsync(id, "consent", Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        return id;
    }

    /// <summary>…and records the move on the policy's today: monitoring starts, M3 three policy months after the request.</summary>
    public static async Task<string> UpToMonitoringAsync(this AgreementApi host, string? policy = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30), policy);
        await host.StepAsync(id, "move", Move(await host.PolicyTodayAsync(id)));
        await host.WaitForStatusAsync(id, "Monitoring");
        return id;
    }

    /// <summary>
    /// A decision link for the escalation an escalation email is about, to the email's recipient, valid for an hour, as a
    /// path with its query. The email's own link expires at its level's deadline plus the policy's grace days, which a
    /// compressed test day reaches within a second; this checks the email's link is genuine for the escalation (valid,
    /// or only expired) and makes the same link again with a lifetime a test can use.
    /// </summary>
    public static async Task<string> RenewedDecisionLinkAsync(this IServiceProvider services, SentEmail email, int level = 1)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(email);
        var match = System.Text.RegularExpressions.Regex.Match(email.Text, @"/api/escalations/(?<id>[^/\s]+)/decide\?token=(?<token>[^\s]+)");
        Assert.True(match.Success, "The escalation email has no decision link: " + email.Text);
        var escalationId = Uri.UnescapeDataString(match.Groups["id"].Value);
        var links = services.GetRequiredService<ProtectedDecisionLinks>();
        var reading = links.Read(escalationId, Uri.UnescapeDataString(match.Groups["token"].Value));
        Assert.True(reading.Link is not null || reading.Problem == DecisionLinkProblem.Expired, $"The email's decision link is not genuine ({reading.Problem}).");
        var renewed = await links.CreateAsync(escalationId, level, email.To[0], DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        return renewed.PathAndQuery;
    }

    /// <summary>The token of <see cref="RenewedDecisionLinkAsync"/>'s link (what the JSON API takes).</summary>
    public static async Task<string> RenewedDecisionTokenAsync(this IServiceProvider services, SentEmail email)
    {
        var path = await services.RenewedDecisionLinkAsync(email);
        return Uri.UnescapeDataString(path[(path.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
    }
}
