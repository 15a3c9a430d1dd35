namespace Mobilitet.Workflows.Registers;

/// <summary>
/// The copy of an extract that may be kept: every run of digits that could hold a CPR number replaced by '*', byte for
/// byte, so lines and columns stay where the import report says they are. A run is ten or more digits joined by
/// nothing, a '-' or a space ("0101901234", "010190-1234", "010190 1234", also a number typed with a hyphen in the wrong
/// place). It works on the UTF-8 bytes, where an ASCII digit never occurs inside another character. It masks more than
/// CPR numbers (an amount of ten digits would go too, dates and ordinary amounts have fewer): the copy is for reading a
/// report against, not for importing again.
/// </summary>
public static class ExtractRedaction
{
    /// <summary>Digits in a run at which it may be a CPR number.</summary>
    public const int CprDigits = 10;

    public const byte Mask = (byte)'*';

    public static byte[] MaskCprNumbers(ReadOnlySpan<byte> content)
    {
        var copy = content.ToArray();
        var i = 0;
        while (i < copy.Length)
        {
            if (!IsDigit(copy[i]))
            {
                i++;
                continue;
            }

            // A run: digits, optionally joined by single separators between digits.
            var start = i;
            var digits = 0;
            var end = i;
            while (end < copy.Length)
            {
                if (IsDigit(copy[end]))
                {
                    digits++;
                    end++;
                }
                else if (IsSeparator(copy[end]) && end + 1 < copy.Length && IsDigit(copy[end + 1]))
                {
                    end++;
                }
                else
                {
                    break;
                }
            }

            if (digits >= CprDigits)
            {
                for (var j = start; j < end; j++)
                {
                    if (IsDigit(copy[j]))
                    {
                        copy[j] = Mask;
                    }
                }
            }

            i = end;
        }

        return copy;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsSeparator(byte b) => b is (byte)'-' or (byte)' ';
}
