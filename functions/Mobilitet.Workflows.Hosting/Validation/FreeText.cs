using System.Text;

namespace Mobilitet.Workflows.Hosting.Validation;

/// <summary>
/// The character rules for text a person types (names, areas, reasons, notes). Refused: control
/// characters, bidirectional overrides, isolates and marks (they make text read differently from
/// how it is stored, e.g. in an email), Unicode non-characters, lone surrogates, and text that
/// is only invisible characters. Line breaks and tabs only in multi-line fields. Accepted text is
/// trimmed and put in Unicode NFC, so the same words are stored the same way.
/// </summary>
public static class FreeText
{
    // White space, and the zero-width characters that mean nothing at either end of a text. Not
    // variation selectors or tags: those end emoji and flag sequences.
    private static readonly char[] TrimmedAtEnds = Enumerable.Range(0, 0x10000)
        .Where(c => char.IsWhiteSpace((char)c) || c is 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF or 0x00AD)
        .Select(c => (char)c)
        .ToArray();

    /// <summary>Checks <paramref name="value"/> and returns it trimmed and in NFC.</summary>
    /// <returns>
    /// The text; or null: with <paramref name="error"/> (Danish) when it is refused, without when
    /// it is blank (missing, empty or white space only), which the caller may or may not accept.
    /// </returns>
    public static string? Clean(string? value, bool multiline, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var visible = false;
        for (var i = 0; i < value.Length; i++)
        {
            int codePoint = value[i];
            if (char.IsSurrogate(value[i]))
            {
                if (!char.IsHighSurrogate(value[i]) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    error = Messages.InvalidCharacters;
                    return null;
                }

                codePoint = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }

            error = Refusal(codePoint, multiline);
            if (error is not null)
            {
                return null;
            }

            visible |= !IsInvisible(codePoint) && !Rune.IsWhiteSpace(new Rune(codePoint));
        }

        if (!visible)
        {
            error = Messages.InvisibleOnly;
            return null;
        }

        return value.Trim(TrimmedAtEnds).Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether the text has a character that shows nothing (zero-width, soft hyphen, …).</summary>
    public static bool ContainsInvisible(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsInvisible(rune.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt: characters that show
    /// nothing unless supported), plus the blank Braille pattern, which also looks like a space.
    /// </summary>
    public static bool IsInvisible(int codePoint) => codePoint switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0 or 0x2800 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };

    /// <summary>Whether the code point is a bidirectional override, embedding, isolate or mark.</summary>
    public static bool IsBidiControl(int codePoint) =>
        codePoint is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>Unicode's 66 non-characters: U+FDD0–U+FDEF and the last two code points of every plane.</summary>
    public static bool IsNonCharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static bool IsLineBreak(int codePoint) => codePoint is '\r' or '\n' or 0x2028 or 0x2029;

    private static string? Refusal(int codePoint, bool multiline)
    {
        if (IsLineBreak(codePoint))
        {
            return multiline ? null : Messages.LineBreak;
        }

        if (codePoint == '\t')
        {
            return multiline ? null : Messages.ControlCharacter;
        }

        // C0, DEL and C1 (which includes NEL, U+0085).
        if (codePoint < 0x20 || codePoint is >= 0x7F and <= 0x9F)
        {
            return Messages.ControlCharacter;
        }

        if (IsBidiControl(codePoint))
        {
            return Messages.BidiControl;
        }

        return IsNonCharacter(codePoint) ? Messages.InvalidCharacters : null;
    }
}
