using assessment from '../db/schema';

// Read-only, no authentication (the peer runs on loopback for the benchmark only).
service Feed @(path: '/odata') {
  @readonly entity ItemScores as projection on assessment.ItemScores;
  @readonly entity Rankings as projection on assessment.Rankings;
}
