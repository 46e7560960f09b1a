module tfcodemod/hclcheck

go 1.19

require (
	github.com/agext/levenshtein v1.2.3
	github.com/apparentlymart/go-textseg/v15 v15.0.0
	github.com/hashicorp/hcl/v2 v2.23.0
	github.com/mitchellh/go-wordwrap v1.0.1
	github.com/zclconf/go-cty v1.15.1
	golang.org/x/text v0.21.0
)
