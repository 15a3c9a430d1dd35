using System.Security.Cryptography;

namespace Mobilitet.Local.Configuration;

/// <summary>
/// The key that signs decision links, for the local host when none is configured: made once and
/// kept in .local/ (git-ignored), so links in the outbox still work after a restart. Azure reads its
/// key from Key Vault instead.
/// </summary>
public static class LocalSigningKey
{
    public static string LoadOrCreate(string folder)
    {
        var file = Path.Combine(folder, "link-signing-key");
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
