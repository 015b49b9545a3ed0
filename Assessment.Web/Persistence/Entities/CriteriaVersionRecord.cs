namespace Assessment.Web.Persistence;

/// <summary>
/// A criteria version as imported from a file under <c>criteria/</c>: its identity, its content hash
/// and the exact YAML text, so a finalized score can always be traced to what it was scored against.
/// Once any finalized assessment uses it, it can never change (see <see cref="CriteriaVersionGuard"/>).
/// </summary>
public sealed class CriteriaVersionRecord : IAudited
{
    public const int IdMaxLength = 64;
    public const int SchemeMaxLength = 64;
    public const int TitleMaxLength = 200;
    /// <summary>"sha256:" and 64 hex digits, as <c>CriteriaHasher</c> writes it.</summary>
    public const int HashLength = 71;

    /// <summary>The version id from the file, e.g. <c>qh-demo-2022</c>.</summary>
    public required string Id { get; set; }

    public required string Scheme { get; set; }

    public required string Title { get; set; }

    public DateOnly EffectiveDate { get; set; }

    /// <summary>The loader's content hash of the version's canonical form: <c>sha256:</c> and 64 hex digits.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The YAML text the version was imported from.</summary>
    public required string SourceYaml { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
