using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Assessment.Web.Ui;

/// <summary>
/// The server-rendered web pages (Razor Pages under <c>Pages/</c>): localization with Chinese (zh-CN) as the
/// default and English as the alternative, static assets from <c>wwwroot</c> (compressed and fingerprinted at
/// build time), and the page endpoints. Every page model names its authorization policy (see <c>Pages/README.md</c>).
/// </summary>
public static class UiServiceCollectionExtensions
{
    /// <summary>The cultures a user can choose; the first is the default.</summary>
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    public static IServiceCollection AddAssessmentUi(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // Pages without their own [Authorize] are refused by the fallback policy (signed in); the login,
        // culture and denied pages opt out explicitly with [AllowAnonymous].
        services.AddRazorPages()
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(UiText)));
        // Write Chinese as characters, not as &#x...; entities (the default encoder only passes Basic Latin).
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddExceptionHandler<UiExceptionHandler>();

        // A form value the model binder cannot read (a date like 2022-13-45, letters in a number) is named in Chinese,
        // by the field's display name, instead of the framework's English sentence.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{field}”的值“{value}”无效。");
            messages.SetUnknownValueIsInvalidAccessor(field => $"“{field}”的值无效。");
            messages.SetValueMustBeANumberAccessor(field => $"“{field}”必须是数字。");
            messages.SetValueIsInvalidAccessor(value => $"值“{value}”无效。");
            messages.SetValueMustNotBeNullAccessor(value => $"“{value}”不能为空。");
            messages.SetMissingBindRequiredValueAccessor(field => $"缺少“{field}”。");
            messages.SetMissingKeyOrValueAccessor(() => "缺少值。");
            messages.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空。");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"值“{value}”无效。");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "值无效。");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "必须是数字。");
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];

            // Chinese unless the user chose otherwise (query string ?culture=en, or the cookie the language
            // switch sets); the browser's Accept-Language does not override the default.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Request culture; call before authentication so the login page is localized too.</summary>
    public static WebApplication UseAssessmentUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>Static assets (anonymous: no data in them) and the pages.</summary>
    public static WebApplication MapAssessmentUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}
