using Mobilitet.Workflows.Financing;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Finansiering": the requests waiting for a finance approver, oldest first, each with its business case and forms.</summary>
public sealed record FinancingPageModel
{
    public required IReadOnlyList<FinancingRequestView> Requests { get; init; }

    public string? NextPagePath { get; init; }

    public string? FirstPagePath { get; init; }

    /// <summary>The form that was sent and came back (its values and errors), if any.</summary>
    public ListForm? Form { get; init; }

    /// <summary>Why the decision just sent was not recorded (someone decided first; the engine is away).</summary>
    public ListRefusal? Refusal { get; init; }

    /// <summary>The longest reason the command accepts.</summary>
    public required int ReasonMaxLength { get; init; }
}

/// <summary>One request waiting for a decision: no personal data (the purpose of the money is kept with it, not shown here).</summary>
/// <param name="RequestedAt">When the request was put before an approver.</param>
/// <param name="DueDate">The decision deadline (policy date); past it the request has been escalated.</param>
/// <param name="BusinessCase">The stored business case (null if it cannot be read).</param>
/// <param name="AutoApprovalMaxDkk">The pinned instrument's limit for approval without a person (0: a person always decides).</param>
/// <param name="MinGainToRequestedRatio">The pinned instrument's required gain multiple.</param>
public sealed record FinancingRequestView(
    string AgreementId,
    string MunicipalityName,
    string? HousingArea,
    DateTimeOffset RequestedAt,
    DateOnly DueDate,
    bool IsOverdue,
    decimal RequestedDkk,
    string PolicyName,
    BusinessCase? BusinessCase,
    decimal? AutoApprovalMaxDkk,
    decimal? MinGainToRequestedRatio);
