using System.Text;

namespace Mobilitet.Workflows.Web.Shared;

/// <summary>
/// The HTML ids of a form field and its hint and error message (dkfds: "&lt;id&gt;-hint", "&lt;id&gt;-error"),
/// from the field's name ("resident.cpr" → "field-resident-cpr"), so the error summary can link to it.
/// </summary>
public static class FieldIds
{
    public static string For(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = new StringBuilder("field-", name.Length + 6);
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return id.ToString();
    }

    public static string Hint(string id) => id + "-hint";

    public static string Error(string id) => id + "-error";

    /// <summary>The aria-describedby value: hint and error message ids, or null when there is neither.</summary>
    public static string? DescribedBy(string id, bool hasHint, bool hasError, string? more = null)
    {
        var ids = new[] { hasHint ? Hint(id) : null, hasError ? Error(id) : null, more }.Where(part => part is not null);
        var value = string.Join(' ', ids);
        return value.Length == 0 ? null : value;
    }
}
