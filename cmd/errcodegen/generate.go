package main

import (
	"os"

	"github.com/octopus-go/errcode/internal/fileout"
	"github.com/octopus-go/errcode/internal/gen"
	"github.com/octopus-go/errcode/internal/spec"
)

// options are the generator's inputs and outputs.
type options struct {
	editions           []string
	out, ref           string
	names, retry, wire string
}

// generate reads the sources, checks them, and writes the outputs. It
// writes nothing unless every output was made.
func generate(o options) error {
	cfg := spec.Config{Wire: o.wire}
	for _, path := range o.editions {
		src, err := readSource(path)
		if err != nil {
			return err
		}
		cfg.Editions = append(cfg.Editions, *src)
	}
	var err error
	if cfg.Names, err = optionalSource(o.names); err != nil {
		return err
	}
	if cfg.Retry, err = optionalSource(o.retry); err != nil {
		return err
	}
	c, err := spec.Load(cfg)
	if err != nil {
		return err
	}
	code, err := gen.Go(c)
	if err != nil {
		return err
	}
	files := []fileout.File{{Path: o.out, Data: code}}
	if o.ref != "" {
		files = append(files, fileout.File{Path: o.ref, Data: gen.Markdown(c)})
	}
	return fileout.Write(files...)
}

func readSource(path string) (*spec.Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &spec.Source{Name: path, Data: data}, nil
}

func optionalSource(path string) (*spec.Source, error) {
	if path == "" {
		return nil, nil
	}
	return readSource(path)
}
