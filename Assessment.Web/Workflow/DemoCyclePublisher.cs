using Assessment.Web.Demo;

namespace Assessment.Web.Workflow;

/// <summary>Lets the demo seed publish its 2021 cycle through the same workflow the bureau uses.</summary>
internal sealed class DemoCyclePublisher(CyclePublisher publisher) : IDemoCyclePublisher
{
    public Task PublishAsync(int cycleId, CancellationToken cancellationToken) =>
        publisher.PublishAsync(cycleId, cancellationToken);
}
