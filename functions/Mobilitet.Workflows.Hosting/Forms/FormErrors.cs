using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// The errors a form shows: what the form reader could not read (a field that is not a number) and what
/// the command refused, one set of messages per field. A field the reader could not read shows the
/// reader's message only (not also "Feltet skal udfyldes." from the command, which saw no value). A rate
/// typed in percent gets the percent wording of the range error (the command checks the fraction 0–1).
/// </summary>
public static class FormErrors
{
    public static FieldErrors Merge(ValidationErrors parsed, ValidationErrors? command, params string[] percentFields)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(percentFields);
        var fromReader = parsed.ToDictionary();
        var merged = new List<KeyValuePair<string, string[]>>();
        foreach (var (field, messages) in command?.ToDictionary() ?? new Dictionary<string, string[]>())
        {
            if (fromReader.ContainsKey(field))
            {
                continue;
            }

            merged.Add(KeyValuePair.Create(field, percentFields.Contains(field, StringComparer.Ordinal)
                ? messages.Select(message => message == Messages.RateRange ? Messages.PercentRange : message).ToArray()
                : messages));
        }

        merged.AddRange(fromReader);
        return new FieldErrors(merged);
    }

    /// <summary>What was typed in <paramref name="fields"/> (the first value of each, empty ones left out), to show the form again.</summary>
    public static IReadOnlyDictionary<string, string> Values(Microsoft.AspNetCore.Http.IFormCollection form, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (form.TryGetValue(field, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]))
            {
                values[field] = value[0]!;
            }
        }

        return values;
    }
}
