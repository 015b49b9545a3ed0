using System.Security.Cryptography;
using System.Text;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.OData;

/// <summary>Creating, finding and revoking personal API keys. A key is <c>ak_</c> and 43 base64url characters (32 random bytes).</summary>
public sealed class ApiKeyService(AssessmentDbContext db, TimeProvider clock)
{
    public const string KeyPrefix = "ak_";

    /// <summary>How often <see cref="ApiKey.LastUsedAt"/> is refreshed at most (one write per key per interval).</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// Active (unrevoked) keys a user may hold: enough for every workbook and report of an analyst, few enough that a
    /// stolen session cannot mint keys without end. Two creations at the same instant can each pass the count.
    /// </summary>
    public const int MaxActiveKeys = 10;

    /// <summary>The refusal when the user already holds <see cref="MaxActiveKeys"/> active keys.</summary>
    public static readonly string LimitMessage = $"每个账号最多保留 {MaxActiveKeys} 个有效密钥：请先吊销不再使用的密钥。";

    /// <summary>
    /// Creates a key for the user and returns it with its text, which is never stored or shown again; null (nothing
    /// created) when the user already holds <see cref="MaxActiveKeys"/> active keys.
    /// </summary>
    public async Task<(ApiKey Key, string Secret)?> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        if (await db.ApiKeys.CountAsync(k => k.UserId == userId && k.RevokedAt == null, cancellationToken) >= MaxActiveKeys)
        {
            return null;
        }

        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            UserId = userId,
            Name = name.Trim(),
            KeyHash = Hash(secret),
            Prefix = secret[..ApiKey.PrefixLength],
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>The user owning an active key with this text, or null; notes the use.</summary>
    public async Task<AppUser?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(KeyPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.LastUsedAt, k.User })
            .SingleOrDefaultAsync(cancellationToken);
        if (found?.User is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (found.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            // A usage stamp, not a change of the key: not audited, no version raised.
            await db.ApiKeys.Where(k => k.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return found.User;
    }

    /// <summary>The user's keys, oldest first (prefix only: the text is never stored).</summary>
    public Task<List<ApiKeyInfo>> ListAsync(string userId, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == userId)
            .OrderBy(k => k.Id)
            .Select(k => new ApiKeyInfo(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Revokes the user's key (again: no change); false when the user has no such key.</summary>
    public async Task<bool> RevokeAsync(string userId, int id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken);
        if (key is null)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}

/// <summary>A key as its owner sees it in lists.</summary>
public sealed record ApiKeyInfo(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
