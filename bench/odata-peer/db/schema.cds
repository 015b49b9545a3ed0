// The rows of our feed's ItemScores and Rankings sets, with the same property names and EDM types as its
// $metadata (Integer = Edm.Int32, Decimal = Edm.Decimal, Timestamp = Edm.DateTimeOffset), so that the same
// query strings run on both servers. Data: db/data/assessment-*.csv, written by the benchmark runner
// (Assessment.Benchmarks/Peer) from our feed. Assessment.Tests checks this file against our $metadata.
namespace assessment;

entity ItemScores {
  key Id            : Integer;
  AssessmentId      : Integer not null;
  CenterId          : Integer not null;
  CenterCode        : String not null;
  CenterName        : String not null;
  CycleId           : Integer not null;
  CycleYear         : Integer not null;
  AssessmentKind    : String not null;
  Revision          : Integer not null;
  CriteriaVersionId : String not null;
  ItemId            : String not null;
  DimensionCode     : String not null;
  Status            : String not null;
  Points            : Decimal;
  MaxPoints         : Decimal not null;
  Explanation       : String not null;
  ModifiedAt        : Timestamp not null;
}

entity Rankings {
  key Id          : Integer;
  CycleId         : Integer not null;
  CycleYear       : Integer not null;
  CenterId        : Integer not null;
  CenterCode      : String not null;
  CenterName      : String not null;
  AssessmentId    : Integer;
  Rank            : Integer not null;
  Percentile      : Decimal not null;
  Total           : Decimal not null;
  Grade           : String not null;
  IsDemonstration : Boolean not null;
  ModifiedAt      : Timestamp not null;
}
