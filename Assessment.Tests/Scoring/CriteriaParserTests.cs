using Assessment.Scoring.Criteria;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class CriteriaParserTests
{
    [TestMethod]
    public void Valid_file_is_read_into_the_model()
    {
        var result = CriteriaParser.Parse(CriteriaYamlFixtures.Valid, CriteriaYamlFixtures.Path);

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        var version = result.Version!;
        Assert.AreEqual("test-2021", version.Id);
        Assert.AreEqual("test", version.Scheme);
        Assert.AreEqual(new DateOnly(2021, 10, 1), version.EffectiveDate);
        Assert.AreEqual(CriteriaYamlFixtures.Path, version.SourcePath);
        Assert.AreEqual(2, version.Dimensions.Count);
        Assert.AreEqual(new Dimension("A", "服务内容", 60m), version.Dimensions[0]);
        Assert.AreEqual(6, version.Items.Count);
        Assert.AreEqual(10m, version.RecheckThreshold);
    }
}
