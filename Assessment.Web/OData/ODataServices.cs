using Microsoft.OData;
using Microsoft.OData.Json;
using ODataLifetime = Microsoft.OData.ServiceLifetime;

namespace Assessment.Web.OData;

/// <summary>
/// The service container Microsoft.OData.Core asks its messages for: its defaults, except a JSON writer that
/// escapes only control characters, so Chinese text is written as UTF-8, not as <c>\uXXXX</c> escapes.
/// The library keeps per-message state (the writer settings) in scoped services: every message needs a scope
/// of its own (<see cref="CreateScope"/>), never the root container, or concurrent responses share settings.
/// </summary>
internal static class ODataServices
{
    private static readonly IServiceProvider Root = Build();

    public static IServiceScope CreateScope() => Root.CreateScope();

    private static IServiceProvider Build()
    {
        var builder = new ContainerBuilder();
        builder.AddDefaultODataServices();
        builder.AddService<IJsonWriterFactory>(ODataLifetime.Singleton, _ => new DefaultJsonWriterFactory(ODataStringEscapeOption.EscapeOnlyControls));
        return builder.BuildContainer();
    }

    private sealed class ContainerBuilder : IContainerBuilder
    {
        private readonly IServiceCollection services = new ServiceCollection();

        public IContainerBuilder AddService(ODataLifetime lifetime, Type serviceType, Type implementationType)
        {
            services.Add(new ServiceDescriptor(serviceType, implementationType, Map(lifetime)));
            return this;
        }

        public IContainerBuilder AddService(ODataLifetime lifetime, Type serviceType, Func<IServiceProvider, object> implementationFactory)
        {
            services.Add(new ServiceDescriptor(serviceType, implementationFactory, Map(lifetime)));
            return this;
        }

        public IServiceProvider BuildContainer() => services.BuildServiceProvider();

        private static Microsoft.Extensions.DependencyInjection.ServiceLifetime Map(ODataLifetime lifetime) => lifetime switch
        {
            ODataLifetime.Singleton => Microsoft.Extensions.DependencyInjection.ServiceLifetime.Singleton,
            ODataLifetime.Scoped => Microsoft.Extensions.DependencyInjection.ServiceLifetime.Scoped,
            _ => Microsoft.Extensions.DependencyInjection.ServiceLifetime.Transient,
        };
    }
}
