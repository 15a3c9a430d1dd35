using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Tests.Escalations;

/// <summary>A decision token is accepted only in the exact spelling <see cref="DecisionTokens.Create"/> gives it.</summary>
public sealed class DecisionTokensTests
{
    private const string EscalationId = "fa-00000000000000000000-esc-move";
    private static readonly DecisionTokens Tokens = new(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    [Fact]
    public void The_token_as_created_is_accepted()
    {
        Assert.Equal(3, Tokens.Verify(EscalationId, Tokens.Create(EscalationId, 3)));
    }

    public static TheoryData<string, Func<string, string>> OtherSpellings => new()
    {
        { "a leading zero in the level", token => "0" + token },
        { "two leading zeros in the level", token => "00" + token },
        { "a plus sign before the level", token => "+" + token },
        { "a space before the level", token => " " + token },
        { "a space after the level", token => token.Replace(".", " .", StringComparison.Ordinal) },
        { "a space at the end", token => token + " " },
        { "a line break at the end", token => token + "\n" },
        { "base64 padding", token => token + "=" },
        { "a second dot", token => token + "." },
        { "the signature in upper case", token => token[..2] + token[2..].ToUpperInvariant() },
    };

    [Theory]
    [MemberData(nameof(OtherSpellings))]
    public void Another_spelling_of_a_valid_token_is_refused(string because, Func<string, string> respell)
    {
        ArgumentNullException.ThrowIfNull(respell);
        var token = Tokens.Create(EscalationId, 3);
        var other = respell(token);

        Assert.NotEqual(token, other);
        Assert.True(Tokens.Verify(EscalationId, other) is null, because);
    }

    [Fact]
    public void A_signature_in_standard_base64_is_refused()
    {
        // Find a level whose signature has a character that standard base64 spells differently.
        var token = Enumerable.Range(1, 200)
            .Select(level => Tokens.Create(EscalationId, level))
            .First(candidate => candidate.Contains('-', StringComparison.Ordinal) && candidate.Contains('_', StringComparison.Ordinal));
        var level = int.Parse(token[..token.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var standard = token[..(dot + 1)] + token[(dot + 1)..].Replace('-', '+').Replace('_', '/');

        Assert.Equal(level, Tokens.Verify(EscalationId, token));
        Assert.Null(Tokens.Verify(EscalationId, standard));
        Assert.Null(Tokens.Verify(EscalationId, standard + "="));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.")]
    [InlineData(".abc")]
    [InlineData("-1.abc")]
    [InlineData("99999999999.abc")]
    public void Malformed_tokens_are_refused(string token)
    {
        Assert.Null(Tokens.Verify(EscalationId, token));
    }
}
