using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Notifications;

/// <summary>A recipient key names one address however it is spelled, tells addresses apart, and depends on the secret.</summary>
public sealed class RecipientKeysTests
{
    private static RecipientKeys With(byte fill) =>
        new(new PersonKeyOptions { PersonKeySecret = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) });

    [Fact]
    public void The_same_address_in_any_case_or_with_spaces_has_one_key_and_other_addresses_or_secrets_another()
    {
        var keys = With(1);

        var key = keys.KeyOf("Tilsyn1@Example.dk");

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(key, keys.KeyOf(" tilsyn1@example.dk "));
        Assert.NotEqual(key, keys.KeyOf("tilsyn2@example.dk"));
        Assert.NotEqual(key, With(2).KeyOf("tilsyn1@example.dk"));
        Assert.Equal(nameof(RecipientKeys), keys.ToString());
    }

    [Fact]
    public void Without_the_secret_there_are_no_recipient_keys()
    {
        var problem = Assert.Throws<InvalidOperationException>(() => new RecipientKeys(new PersonKeyOptions()));

        Assert.Contains("Registers:PersonKeySecret", problem.Message, StringComparison.Ordinal);
    }
}
