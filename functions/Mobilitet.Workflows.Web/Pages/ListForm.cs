using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// A decision form on a list page (Finansiering, Eskaleringer) as it was sent and came back: the row it belongs
/// to (an agreement or escalation id), what was typed, and the errors to show by its fields.
/// </summary>
public sealed record ListForm(string ItemId, IReadOnlyDictionary<string, string> Values, FieldErrors Errors)
{
    public string? Value(string field) => Values.TryGetValue(field, out var value) ? value : null;
}

/// <summary>Why a decision sent from a list page was not recorded.</summary>
/// <param name="ItemId">The row it was sent from.</param>
/// <param name="Detail">The command's own Danish explanation.</param>
public sealed record ListRefusal(string ItemId, string Detail);
