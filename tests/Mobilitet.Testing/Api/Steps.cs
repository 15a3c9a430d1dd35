using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace Mobilitet.Testing.Api;

/// <summary>Request bodies for the agreement steps.</summary>
public static class Steps
{
    public static JsonObject Consent(string decision) => new() { ["decision"] = decision };

    public static JsonObject Financing(string decision, decimal? approvedDkk = null) =>
        approvedDkk is null ? new() { ["decision"] = decision } : new() { ["decision"] = decision, ["approvedDkk"] = approvedDkk };

    public static JsonObject Move(DateOnly movedOn) => new() { ["movedOn"] = movedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    public static JsonObject Cancel(string reason) => new() { ["reason"] = reason };

    public static JsonObject Measurement(string milestone, decimal rate, decimal drawDkk, decimal taxDkk) => new()
    {
        ["milestone"] = milestone,
        ["selfSufficiencyRate"] = rate,
        ["resourceDrawDkk"] = drawDkk,
        ["taxPaidDkk"] = taxDkk,
    };

    /// <summary>Creates an agreement, gives consent and waits until financing is done (auto-approved) and the move is awaited.</summary>
    public static async Task<string> UpToMoveAsync(this AgreementApi host, DateOnly plannedMoveDate)
    {
        ArgumentNullException.ThrowIfNull(host);
        var id = await host.CreateAsync(AgreementForms.Valid(plannedMoveDate));
        await host.StepAsync(id, "consent", Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        return id;
    }

    /// <summary>…and records the move today: monitoring starts.</summary>
    public static async Task<string> UpToMonitoringAsync(this AgreementApi host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));
        await host.StepAsync(id, "move", Move(AgreementForms.Today));
        await host.WaitForStatusAsync(id, "Monitoring");
        return id;
    }

    /// <summary>The signed decision token from the link in an escalation email.</summary>
    public static string DecisionToken(this SentEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var match = System.Text.RegularExpressions.Regex.Match(email.Text, @"/decide\?token=(?<token>[^\s]+)");
        Assert.True(match.Success, "The escalation email has no decision link: " + email.Text);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }
}
