using System.Security.Cryptography;
using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class PersonKeysTests
{
    [Fact]
    public void The_key_is_lowercase_hex_of_hmac_sha256_over_the_ten_ascii_digits()
    {
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes("0102901234")));

        var key = new PersonKeys(secret).KeyOf("010290-1234");

        Assert.Equal(expected, key.Value);
        Assert.Matches("^[0-9a-f]{64}$", key.Value);
    }

    [Fact]
    public void Same_cpr_and_secret_give_the_same_key_and_another_secret_another()
    {
        var other = new PersonKeys(Enumerable.Repeat((byte)7, 32).ToArray());

        Assert.Equal(Extracts.Keys.KeyOf(Extracts.Anna), Extracts.Keys.KeyOf(Extracts.Anna));
        Assert.NotEqual(Extracts.Keys.KeyOf(Extracts.Anna), Extracts.Keys.KeyOf(Extracts.Bo));
        Assert.NotEqual(Extracts.Keys.KeyOf(Extracts.Anna), other.KeyOf(Extracts.Anna));
    }

    [Fact]
    public void A_secret_shorter_than_32_bytes_or_not_base64_is_refused_without_echoing_it()
    {
        Assert.Throws<ArgumentException>(() => new PersonKeys(new byte[31]));
        var notBase64 = Assert.Throws<ArgumentException>(() => PersonKeys.FromBase64("hemmelig-nøgle!"));
        Assert.DoesNotContain("hemmelig", notBase64.Message, StringComparison.Ordinal);
        Assert.Equal(Extracts.Keys.KeyOf(Extracts.Anna), PersonKeys.FromBase64(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())).KeyOf(Extracts.Anna));
    }

    [Fact]
    public void An_invalid_cpr_throws_without_the_number_in_the_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => Extracts.Keys.KeyOf("3104901234"));
        Assert.DoesNotContain("3104901234", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("310490", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_is_never_shown() =>
        Assert.Equal(nameof(PersonKeys), Extracts.Keys.ToString());
}
