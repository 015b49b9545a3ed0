using System.Text.Json.Serialization;

namespace Assessment.Web.Persistence;

/// <summary>
/// Enums in JSON by name only: a number (<c>99</c> or <c>"99"</c>) is refused instead of becoming a value that has
/// no name, which the database would store and every later reader would have to guess about.
/// </summary>
public sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
