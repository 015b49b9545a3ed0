namespace Assessment.Web.Synthetic;

/// <summary>Explicit keys for bulk-written rows: one counter per entity type, from 1 (the tables start empty).</summary>
internal sealed class SyntheticIds
{
    private readonly Dictionary<Type, int> last = [];

    public int Next<T>()
    {
        var next = last.GetValueOrDefault(typeof(T)) + 1;
        last[typeof(T)] = next;
        return next;
    }

    /// <summary>How many keys were handed out for <typeparamref name="T"/>.</summary>
    public int Count<T>() => last.GetValueOrDefault(typeof(T));
}

/// <summary>Timestamps of the synthetic data: fixed China Standard Time dates derived from the cycle year, never the clock.</summary>
internal static class SyntheticClock
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static DateTimeOffset At(int year, int month, int day, int hour) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, ChinaStandardTime).ToUniversalTime();
}
