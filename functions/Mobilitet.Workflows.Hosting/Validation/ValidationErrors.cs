namespace Mobilitet.Workflows.Hosting.Validation;

/// <summary>Per-field errors, keyed by the field's JSON path ("resident.cpr"), with Danish messages.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Requires a non-blank text of at most <paramref name="maxLength"/> characters that passes the
    /// <see cref="FreeText"/> rules; returns it trimmed and in NFC. Line breaks and tabs only when
    /// <paramref name="multiline"/> (a reason, a note).
    /// </summary>
    public string? RequiredText(string field, string? value, int maxLength, bool multiline = false)
    {
        var text = FreeText.Clean(value, multiline, out var error);
        if (text is null)
        {
            Add(field, error ?? Messages.Required);
            return null;
        }

        return MaxLength(field, text, maxLength);
    }

    /// <summary>Like <see cref="RequiredText"/>, but a missing or blank value is accepted (as null).</summary>
    public string? OptionalText(string field, string? value, int maxLength, bool multiline = false)
    {
        var text = FreeText.Clean(value, multiline, out var error);
        if (error is not null)
        {
            Add(field, error);
        }

        return text is null ? null : MaxLength(field, text, maxLength);
    }

    public T? Required<T>(string field, T? value)
        where T : class
    {
        if (value is null)
        {
            Add(field, Messages.Required);
        }

        return value;
    }

    public decimal? Amount(string field, decimal? value, decimal max, bool allowZero = true)
    {
        if (value is not { } amount)
        {
            Add(field, Messages.Required);
            return null;
        }

        if (amount < 0 || (!allowZero && amount == 0))
        {
            Add(field, allowZero ? Messages.NotNegative : Messages.Positive);
            return null;
        }

        if (amount > max)
        {
            Add(field, Messages.AtMost(max));
            return null;
        }

        return amount;
    }

    public decimal? Rate(string field, decimal? value)
    {
        if (value is not { } rate)
        {
            Add(field, Messages.Required);
            return null;
        }

        if (rate is < 0 or > 1)
        {
            Add(field, Messages.RateRange);
            return null;
        }

        return rate;
    }

    public DateOnly? Date(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, Messages.Required);
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            Add(field, Messages.DateFormat);
            return null;
        }

        return date;
    }

    public string? Email(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, Messages.Required);
            }

            return null;
        }

        var text = FreeText.Clean(value, multiline: false, out var error);
        if (text is null)
        {
            Add(field, error ?? Messages.Email);
            return null;
        }

        // An invisible character makes two addresses look alike; MailAddress accepts most of them.
        if (text.Length > 254 || FreeText.ContainsInvisible(text) || !System.Net.Mail.MailAddress.TryCreate(text, out var address)
            || address.Address != text || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            Add(field, Messages.Email);
            return null;
        }

        var topLevel = address.Host[(address.Host.LastIndexOf('.') + 1)..];
        if (topLevel.Length == 0)
        {
            Add(field, Messages.Email);
            return null;
        }

        // Mail goes to a named domain: not to an address literal (a@[127.0.0.1]) or an IP address
        // (in any of the spellings IPAddress accepts, 0x7f.1 too), and a top-level domain is never all digits.
        if (address.Host.StartsWith('[') || System.Net.IPAddress.TryParse(address.Host, out _) || topLevel.All(char.IsAsciiDigit))
        {
            Add(field, Messages.EmailIpAddress);
            return null;
        }

        return text;
    }

    /// <summary>Parses one of <paramref name="choices"/> (exact spelling), naming the choices in the error.</summary>
    public T? Choice<T>(string field, string? value, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, Messages.Required);
            return null;
        }

        if (!choices.TryGetValue(value, out var choice))
        {
            Add(field, Messages.OneOf(choices.Keys));
            return null;
        }

        return choice;
    }

    private string? MaxLength(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Add(field, Messages.TooLong(maxLength));
            return null;
        }

        return value;
    }
}
