using System.Security.Cryptography;

namespace Mobilitet.Local.Configuration;

/// <summary>
/// The local host's secrets when none is configured: each made once (32 random bytes, base64) and kept in .local/
/// (git-ignored), so what depends on it survives a restart — stored person keys still match. Random per machine rather than a value in appsettings.json: a person key is an HMAC of a CPR number, and a
/// key everybody can read would let anybody compute it. Azure reads its secrets from Key Vault instead.
/// </summary>
public static class LocalSecrets
{
    /// <summary>Keys the CPR → person-key HMAC (Registers:PersonKeySecret).</summary>
    public const string PersonKeySecret = "person-key-secret";

    public static string LoadOrCreate(string folder, string name)
    {
        var file = Path.Combine(folder, name);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(folder);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(file, key);
        return key;
    }
}
