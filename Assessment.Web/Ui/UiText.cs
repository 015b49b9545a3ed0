namespace Assessment.Web.Ui;

/// <summary>
/// Marker for the strings shared by every page (layout, navigation, common buttons): <c>IStringLocalizer&lt;UiText&gt;</c>.
/// The Chinese text is the key; <c>Resources/Ui/UiText.en.resx</c> holds the English rendering.
/// </summary>
public sealed class UiText;
