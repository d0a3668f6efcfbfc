// Package releasetest proves that the repository's importable modules (the
// ones go.work uses) install as a user installs them: it checks their go.mod
// files, packs each from the tree at the version a release would publish, and
// serves them through GOPROXY=file:// to a module outside the repository,
// offline. It is a module of its own, never published; it has its own
// command in .ci/run.
package releasetest
