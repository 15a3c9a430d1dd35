using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Escalations;

/// <summary>
/// Escalation ids are deterministic — agreement id, "-esc-", what it is about — so a retried step
/// starts the same escalation (and orchestration instance) again instead of a second one.
/// </summary>
public static class EscalationIds
{
    private const string Separator = "-esc-";
    private static readonly System.Buffers.SearchValues<char> SubjectCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public static string For(string agreementId, string subject) =>
        agreementId + Separator + subject.ToLowerInvariant();

    public static bool TryParseAgreementId(string? escalationId, out string agreementId)
    {
        agreementId = string.Empty;
        if (escalationId is null)
        {
            return false;
        }

        var at = escalationId.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var subject = escalationId.AsSpan(at + Separator.Length);
        if (subject.IsEmpty || subject.ContainsAnyExcept(SubjectCharacters))
        {
            return false;
        }

        agreementId = escalationId[..at];
        return AgreementIds.IsWellFormed(agreementId);
    }
}
