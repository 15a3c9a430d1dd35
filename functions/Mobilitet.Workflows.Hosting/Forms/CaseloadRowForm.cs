using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// A line of a caseload file (<see cref="CaseloadFile"/>) turned into the request the creation form and the JSON API
/// make, so the one command validates and creates it (as <see cref="AgreementForm"/> does for the form). The columns
/// are named by the API's JSON paths, so the command's field errors name the file's columns; supervisors are one
/// column, separated by '|'. Numbers are written as in register extracts (decimal comma, no thousands separator);
/// the self-sufficiency rate is a fraction (0–1), as in the API.
/// </summary>
public static class CaseloadRowForm
{
    public const int ReferenceLength = 100;

    public const char SupervisorSeparator = '|';

    public static (string? Reference, CreateAgreementRequest Request, ValidationErrors ParseErrors) Read(CaseloadLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var errors = new ValidationErrors();
        string? Text(string column) => line.Value(column);
        decimal? Number(string column)
        {
            if (CaseloadFile.TryReadNumber(Text(column), out var number))
            {
                return number;
            }

            errors.Add(column, CaseloadFile.NumberFormat);
            return null;
        }

        var reference = errors.RequiredText(CaseloadFile.ReferenceColumn, Text(CaseloadFile.ReferenceColumn), ReferenceLength);
        IEnumerable<string?> supervisors = Text(CaseloadFile.SupervisorsColumn) is { } list
            ? list.Split(SupervisorSeparator).Select(email => string.IsNullOrWhiteSpace(email) ? null : email.Trim())
            : [];
        var request = AgreementFields.Request(Text, Number, Number, supervisors, policy: null, instrument: null);
        return (reference, request, errors);
    }

    /// <summary>
    /// The errors of a refused line by column, in column order: what the reader could not read, and what the command
    /// refused in the other fields (a field the reader could not read reached the command empty: its "required" is
    /// not repeated). "supervisors[1]" is the supervisors column, its message saying which level.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> Errors(ValidationErrors parsed, ValidationErrors? command)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var fromReader = parsed.ToDictionary();
        var all = new List<(string Field, string Message)>();
        foreach (var (field, messages) in command?.ToDictionary() ?? new Dictionary<string, string[]>())
        {
            if (!fromReader.ContainsKey(field))
            {
                all.AddRange(messages.Select(message => Column(field, message)));
            }
        }

        all.AddRange(fromReader.SelectMany(pair => pair.Value.Select(message => (pair.Key, message))));
        return all.OrderBy(error => CaseloadFile.Columns.ToList().IndexOf(error.Field) is var index and >= 0 ? index : int.MaxValue).ToList();
    }

    private static (string Field, string Message) Column(string field, string message)
    {
        const string supervisor = CaseloadFile.SupervisorsColumn + "[";
        if (field.StartsWith(supervisor, StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(supervisor.Length, field.Length - supervisor.Length - 1), System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return (CaseloadFile.SupervisorsColumn, $"Niveau {index + 1}: {message}");
        }

        return (field, message);
    }
}
