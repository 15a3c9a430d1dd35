namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Configuration section "Registers": <see cref="PersonKeySecret"/>, the secret <see cref="PersonKeys"/> is keyed with —
/// base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>). App setting <c>Registers__PersonKeySecret</c>:
/// a Key Vault reference in Azure; the local host makes one of its own in .local/ when none is configured. Every stored
/// person key depends on it, so changing it means keying every agreement again.
/// </summary>
public sealed class PersonKeyOptions
{
    public const string Section = "Registers";

    public string? PersonKeySecret { get; set; }

    /// <summary>The person keys of this secret; a missing or unusable secret is refused with a message that never holds it.</summary>
    public PersonKeys ToPersonKeys()
    {
        if (string.IsNullOrWhiteSpace(PersonKeySecret))
        {
            throw new InvalidOperationException($"{Section}:{nameof(PersonKeySecret)} is not set: configure a base64 key of at least {PersonKeys.MinimumKeyBytes} bytes.");
        }

        try
        {
            return PersonKeys.FromBase64(PersonKeySecret);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException($"{Section}:{nameof(PersonKeySecret)} must be a base64 key of at least {PersonKeys.MinimumKeyBytes} bytes.");
        }
    }
}
