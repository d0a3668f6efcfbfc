module github.com/octopus-go/errcode/internal/retrytest

go 1.26.0

require (
	github.com/go-resty/resty/v2 v2.17.2
	github.com/octopus-go/errcode v0.0.0-00010101000000-000000000000
	github.com/stretchr/testify v1.12.1
)

require (
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/net v0.43.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)

replace github.com/octopus-go/errcode => ../..
