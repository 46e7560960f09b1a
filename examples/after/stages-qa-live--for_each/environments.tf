locals {
  lb_http_ingress = {
    qa = {
      tcp_80 = {
        from_port   = 80
        to_port     = 80
        protocol    = "tcp"
        cidr_blocks = ["10.0.0.0/8"] # office VPN only
      }
    }
    live = {
      tcp_80 = {
        from_port   = 80
        to_port     = 80
        protocol    = "tcp"
        cidr_blocks = ["0.0.0.0/0"]
      }
    }
  }
}

locals {
  network_cidr_block = {
    qa   = "10.50.0.0/16"
    live = "10.60.0.0/16"
  }
  network_az_count = {
    qa   = 2
    live = 3
  }
}
